//! The context pass's word reader: the words of one sentence with their spans and lower-case
//! forms, read lazily.

use super::*;

/// A word of the current sentence with its byte span and, when it differs from the word
/// as written, where its lower-case form sits in [`Scratch::lower`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    /// The word as written.
    pub(crate) text: &'a str,
    pub(crate) span: Span,
    /// Start of the lower-case form in `Scratch::lower` (when `own`).
    pub(crate) lo: usize,
    /// End (exclusive) of the lower-case form (when `own`).
    pub(crate) hi: usize,
    /// The word has an upper-case or non-ASCII char: its lower-case form is in
    /// `Scratch::lower`. Otherwise (most words) it is `text` itself.
    pub(crate) own: bool,
}

/// The words of one sentence for the context pass, read lazily: only from the first clause
/// that holds a figure ([`Scratch::start`]) and only as far as a figure's context needs
/// ([`Scratch::read_past`], [`Scratch::read_to_count`]). The buffers are reused from sentence to
/// sentence within one scan, so a sentence allocates only when it is longer than every
/// sentence before it.
#[derive(Default)]
pub(crate) struct Scratch<'a> {
    /// The prose up to the end of the current sentence.
    pub(crate) text: &'a str,
    /// Where reading resumes: the end of the last word read, or `text.len()` when every
    /// word has been read.
    pub(crate) read: usize,
    /// The words read so far, in order.
    pub(crate) words: Vec<Word<'a>>,
    /// The lower-case forms of the words read that have upper-case or non-ASCII chars: ASCII
    /// letters lower-cased, or `str::to_lowercase` of a word with non-ASCII chars.
    pub(crate) lower: String,
    /// The clauses of the current sentence.
    pub(crate) clauses: Vec<Span>,
    /// The clause holding each figure's start (see [`clause_at`]), by the figure's index.
    pub(crate) q_clauses: Vec<Option<Span>>,
    /// The one counted noun of the last sentence with figures (noun as written, lemma, span):
    /// the understood noun of a bare count opening the next ("46 were intercepted").
    pub(crate) prev_noun: Option<(String, String, Span)>,
    /// What the lexicon said of each lower-case word looked up in this scan.
    pub(crate) lex: RefCell<crate::grammar::tables::FastMap<String, Reading>>,
    /// The role group of each verb lemma that a one-word role phrase of the tables is a form
    /// of ("destroyed" → destroy → downed), built on first use in a scan.
    pub(crate) role_lemmas: RefCell<Option<crate::grammar::tables::FastMap<&'static str, String>>>,
}

/// Byte classes for the word reader (bit flags): a byte that never belongs to a word.
pub(crate) const WB_SEP: u8 = 0;
/// An ASCII letter or digit.
pub(crate) const WB_ALNUM: u8 = 1;
/// With [`WB_ALNUM`]: an ASCII upper-case letter.
pub(crate) const WB_UPPER: u8 = 2;
/// `-`, `'` or `.`: in a word when an alphanumeric follows.
pub(crate) const WB_INNER: u8 = 4;
/// A byte of a non-ASCII char (decoded to decide).
pub(crate) const WB_HIGH: u8 = 8;

/// The class of every byte for [`next_word`].
pub(crate) const WORD_BYTE: [u8; 256] = {
    let mut t = [WB_SEP; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        t[k] = if c >= 0x80 {
            WB_HIGH
        } else if c.is_ascii_uppercase() {
            WB_ALNUM | WB_UPPER
        } else if c.is_ascii_alphanumeric() {
            WB_ALNUM
        } else if c == b'-' || c == b'\'' || c == b'.' {
            WB_INNER
        } else {
            WB_SEP
        };
        k += 1;
    }
    t
};

impl<'a> Scratch<'a> {
    /// A word reader whose lexicon cache starts as `lex` (another reader's, lent to it:
    /// the readings are the lexicon's either way, see [`Scratch::reading`]).
    pub(crate) fn with_lexicon(lex: crate::grammar::tables::FastMap<String, Reading>) -> Self {
        Scratch {
            lex: RefCell::new(lex),
            ..Scratch::default()
        }
    }

    /// Starts on the sentence of `prose` ending at `end`, reading words from `base`, which
    /// must be the sentence's start or a place no word crosses (a clause start).
    pub(crate) fn start(&mut self, prose: &'a str, base: usize, end: usize) {
        self.text = &prose[..end];
        self.read = base;
        self.words.clear();
        self.lower.clear();
    }

    /// The lexicon's reading of a lower-case word, looked up once per scan.
    pub(crate) fn reading(&self, lw: &str) -> Reading {
        if let Some(r) = self.lex.borrow().get(lw) {
            return r.clone();
        }
        let r = lexicon::read(lw);
        let mut m = self.lex.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(lw.to_string(), r.clone());
        r
    }

    /// The role group a verb lemma belongs to through a one-word role phrase of `t`.
    pub(crate) fn role_of_lemma(&self, t: &Tables, lemma: &str) -> Option<String> {
        let mut m = self.role_lemmas.borrow_mut();
        let m = m.get_or_insert_with(|| {
            let mut m = crate::grammar::tables::FastMap::default();
            for (phrase, group) in &t.roles {
                if phrase.contains(' ') {
                    continue;
                }
                // "missing" is an adjective there, not a form of "miss".
                if phrase.ends_with("ing") {
                    continue;
                }
                if let Some(l) = lexicon::verb_lemma(phrase) {
                    m.entry(l).or_insert_with(|| group.clone());
                }
            }
            m
        });
        m.get(lemma).cloned()
    }

    /// The lower-case form of a word read.
    #[inline]
    pub(crate) fn lw<'w>(&'w self, w: &Word<'w>) -> &'w str {
        if w.own {
            &self.lower[w.lo..w.hi]
        } else {
            w.text
        }
    }

    /// Reads words until every word starting before `pos` has been read.
    pub(crate) fn read_past(&mut self, pos: usize) {
        self.read_until(pos, 0);
    }

    /// Reads words until `n` have been read or none is left.
    pub(crate) fn read_to_count(&mut self, n: usize) {
        self.read_until(0, n);
    }

    /// Reads words while one may start before `pos` or fewer than `n` have been read.
    pub(crate) fn read_until(&mut self, pos: usize, n: usize) {
        let s = self.text;
        let mut k = self.read;
        while k < pos || self.words.len() < n {
            let Some((start, end, form)) = next_word(s, k) else {
                k = s.len();
                break;
            };
            k = end;
            let text = &s[start..end];
            let own = form != WordForm::Lower;
            let (lo, hi) = if own {
                let lo = self.lower.len();
                if form == WordForm::Ascii {
                    self.lower.push_str(text);
                    self.lower[lo..].make_ascii_lowercase();
                } else {
                    self.lower.push_str(&text.to_lowercase());
                }
                (lo, self.lower.len())
            } else {
                (0, 0)
            };
            self.words.push(Word {
                text,
                span: Span::new(start, end),
                lo,
                hi,
                own,
            });
        }
        self.read = k;
    }
}

/// What lower-casing a word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordForm {
    /// None: ASCII letters and digits, no capital.
    Lower,
    /// ASCII with a capital: ASCII lower-casing.
    Ascii,
    /// A non-ASCII char: `str::to_lowercase`.
    Other,
}

/// The next word of `s` from byte `k` on (a run of alphanumerics with inner `-`, `'`, `’`
/// and `.`, each followed by an alphanumeric): its start, its end, and what lower-casing it
/// takes; `None` when no word is left. ASCII bytes are classed by table without decoding.
#[inline]
pub(crate) fn next_word(s: &str, mut k: usize) -> Option<(usize, usize, WordForm)> {
    let b = s.as_bytes();
    // The classes of the ASCII bytes of the word, OR-ed: `WB_UPPER` tells a capital.
    let mut seen = 0;
    // Between words only an alphanumeric char starts one.
    let (start, mut ascii) = loop {
        let &c = b.get(k)?;
        match WORD_BYTE[usize::from(c)] {
            class if class & WB_ALNUM != 0 => {
                seen |= class;
                k += 1;
                break (k - 1, true);
            }
            WB_HIGH => {
                let ch = char_at(s, k)?;
                k += ch.len_utf8();
                if ch.is_alphanumeric() {
                    break (k - ch.len_utf8(), false);
                }
            }
            _ => k += 1,
        }
    };
    // In a word: alphanumerics, and `-`, `'`, `’`, `.` when an alphanumeric follows.
    loop {
        // Runs of ASCII letters and digits (nearly all of a word) in a tight loop.
        while let Some(&c) = b.get(k) {
            let class = WORD_BYTE[usize::from(c)];
            if class & WB_ALNUM == 0 {
                break;
            }
            seen |= class;
            k += 1;
        }
        let Some(&c) = b.get(k) else { break };
        match WORD_BYTE[usize::from(c)] {
            WB_INNER if alnum_at(s, k + 1) => k += 1,
            WB_HIGH => {
                let Some(ch) = char_at(s, k) else { break };
                let next = k + ch.len_utf8();
                if !(ch.is_alphanumeric() || (ch == '’' && alnum_at(s, next))) {
                    break;
                }
                ascii = false;
                k = next;
            }
            _ => break,
        }
    }
    let form = if !ascii {
        WordForm::Other
    } else if seen & WB_UPPER != 0 {
        WordForm::Ascii
    } else {
        WordForm::Lower
    };
    Some((start, k, form))
}

/// The char at byte `k` of `s`; ASCII without decoding.
pub(crate) fn char_at(s: &str, k: usize) -> Option<char> {
    match s.as_bytes().get(k) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(k..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// Whether the char at byte `k` of `s` is alphanumeric; ASCII without decoding.
pub(crate) fn alnum_at(s: &str, k: usize) -> bool {
    match s.as_bytes().get(k) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, k).is_some_and(char::is_alphanumeric),
        None => false,
    }
}
