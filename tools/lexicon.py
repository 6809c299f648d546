#!/usr/bin/env python3
"""Derives figcheck's English lexicon (grammar/lexicon/) from WordNet 3.0.

    apt-get install wordnet-base      # Debian: /usr/share/wordnet
    python3 tools/lexicon.py [WORDNET_DIR]

Writes, sorted bytewise so the library can binary-search them in place:
  grammar/lexicon/words.tsv       word TAB parts of speech with SemCor sense-tag counts
                                  ("case\tn77 v2": a noun tagged 77 times, a verb twice)
  grammar/lexicon/exceptions.tsv  inflected form TAB part of speech TAB lemma (irregular
                                  forms: "children\tn\tchild", "sold\tv\tsell")
Only single words of lower-case letters, hyphens, apostrophes and full stops are kept, and
phrasal verbs as "verb_particle".
"""
import os
import re
import sys
from collections import defaultdict

WN = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "grammar", "lexicon")
WORD = re.compile(r"^[a-z][a-z'.-]*$")
# Phrasal verbs are kept too ("lay_off", "shoot_down"): a verb and its particle.
PHRASAL = re.compile(r"^[a-z]+_(down|up|off|out|back|away|over)$")
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
SS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}


def main():
    freq = defaultdict(int)
    with open(os.path.join(WN, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _sense, count = line.split()
            lemma, rest = key.split("%", 1)
            freq[(lemma, SS[rest[0]])] += int(count)
    words = defaultdict(dict)
    for name, p in POS.items():
        with open(os.path.join(WN, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                lemma = line.split(" ", 1)[0]
                if WORD.match(lemma) or (p == "v" and PHRASAL.match(lemma)):
                    words[lemma][p] = freq.get((lemma, p), 0)
    with open(os.path.join(OUT, "words.tsv"), "w", encoding="utf-8", newline="\n") as out:
        for w in sorted(words, key=lambda s: s.encode()):
            parts = " ".join(f"{p}{words[w][p]}" for p in "nvar" if p in words[w])
            out.write(f"{w}\t{parts}\n")
    exc = set()
    for name, p in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        with open(os.path.join(WN, name + ".exc"), encoding="latin-1") as f:
            for line in f:
                form, *lemmas = line.split()
                if not WORD.match(form):
                    continue
                for lemma in lemmas:
                    if WORD.match(lemma):
                        exc.add((form, p, lemma))
    with open(os.path.join(OUT, "exceptions.tsv"), "w", encoding="utf-8", newline="\n") as out:
        for form, p, lemma in sorted(exc, key=lambda t: (t[0].encode(), t[1], t[2].encode())):
            out.write(f"{form}\t{p}\t{lemma}\n")


if __name__ == "__main__":
    main()
