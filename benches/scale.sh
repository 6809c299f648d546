#!/usr/bin/env bash
# Throughput and peak memory of the release binary at every size (issue 15): `extract`,
# `check` and `reconcile` (all `--format json`, output to /dev/null) on
#   - news copy (the fixtures/news articles repeated) and dense copy (every Markdown fixture,
#     figure-dense, repeated), one file of each SIZE MB;
#   - COUNT files of one news article each (the articles in turn), in one directory;
# with `wc -w` on the same input in the same run, for the ratio.
#
# Usage: benches/scale.sh [SIZES_MB] [COUNTS] [BINARY]
#   SIZES_MB  sizes of the one-file inputs (default "1 20 200")
#   COUNTS    numbers of files (default "10 1000 100000")
#   BINARY    the figcheck binary (default: built with `cargo build --release`)
# Env: THREADS (FIGCHECK_THREADS for figcheck; default: every core), TIMEOUT (seconds per run,
#      default 600; a run past it is reported as such), CMDS (default "extract check reconcile").
#
# Prints one line per run: wall and CPU (user + sys) seconds, MB/s and files/s on wall time,
# peak resident memory (getrusage via /usr/bin/time -v), and the ratio of figcheck's wall and
# CPU time to `wc -w`'s. 1 MB = 10^6 bytes. Inputs go to a temporary directory (removed at the
# end): about 2 × the largest size plus ~0.6 GB for 100,000 files. Needs python3 (to write
# the many files).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${1:-"1 20 200"}
counts=${2:-"10 1000 100000"}
bin=${3:-}
timeout_s=${TIMEOUT:-600}
cmds=${CMDS:-"extract check reconcile"}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi
if [[ -n ${THREADS:-} ]]; then
    export FIGCHECK_THREADS=$THREADS
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The news articles and the dense corpus, each once.
find "$root/fixtures/news" -name '*.md' | sort >"$dir/news.list"
find "$root/fixtures" -name '*.md' | sort >"$dir/dense.list"
while read -r f; do cat "$f"; printf '\n\n'; done <"$dir/news.list" >"$dir/news.one"
while read -r f; do cat "$f"; printf '\n\n'; done <"$dir/dense.list" >"$dir/dense.one"

# Repeats ONE into OUT until it has at least SIZE MB.
grow() {
    local one=$1 out=$2 target=$(($3 * 1000000))
    cat "$one" >"$out"
    while [[ $(stat -c %s "$out") -lt $target ]]; do
        cat "$out" "$out" >"$out.x"
        mv "$out.x" "$out"
    done
    truncate_to_paragraph "$out" "$target"
}

# Cuts OUT at the first paragraph break past TARGET bytes (so every size is whole articles).
truncate_to_paragraph() {
    local out=$1 target=$2
    local cut
    cut=$(tail -c +"$target" "$out" | grep -b -m1 -x '' | cut -d: -f1 || true)
    if [[ -n $cut ]]; then
        truncate -s $((target + cut)) "$out"
    fi
}

# Runs `$@` once under /usr/bin/time; prints "wall cpu peak_kb status".
measure() {
    local t="$dir/time.txt" st=0
    timeout "$timeout_s" /usr/bin/time -v -o "$t" "$@" >/dev/null 2>"$dir/err.txt" || st=$?
    if [[ $st -eq 124 ]]; then
        echo "0 0 0 timeout"
        return
    fi
    awk -v st="$st" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
        END { printf "%.3f %.3f %d %s\n", w, u + s, m, st }' "$t"
}

# Prints one result line: NAME BYTES FILES "figcheck measure" "wc measure".
report() {
    awk -v n="$1" -v b="$2" -v f="$3" -v fig="$4" -v wc="$5" 'BEGIN {
        split(fig, a, " "); split(wc, c, " ")
        if (a[4] == "timeout") { printf "%-34s timeout (over %s s)\n", n, ENVIRON["timeout_s"]; exit }
        mb = b / 1e6; w = a[1] > 0 ? a[1] : 1e-3; cw = c[1] > 0 ? c[1] : 1e-3; cc = c[2] > 0 ? c[2] : 1e-3
        printf "%-34s %8.1f MB %7d files  wall %7.2f s %7.1f MB/s %9.0f files/s  cpu %7.2f s  peak %7.1f MB  exit %s  | wc -w %6.2f s: wall %5.1fx cpu %5.1fx\n",
            n, mb, f, a[1], mb / w, f / w, a[2], a[3] / 1024, a[4], c[1], a[1] / cw, a[2] / cc
    }'
}
export timeout_s

echo "binary: $bin; threads: ${FIGCHECK_THREADS:-all $(nproc) cores}; $(date -u '+%F %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for corpus in news dense; do
    for size in $sizes; do
        file="$dir/$corpus.$size.md"
        grow "$dir/$corpus.one" "$file" "$size"
        bytes=$(stat -c %s "$file")
        cat "$file" >/dev/null # warm the page cache
        wc=$(measure wc -w "$file")
        for cmd in $cmds; do
            fig=$(measure "$bin" "$cmd" --format json "$file")
            report "$cmd $corpus ${size}MB" "$bytes" 1 "$fig" "$wc"
        done
        rm -f "$file"
    done
done
for count in $counts; do
    many="$dir/files.$count"
    mkdir -p "$many"
    # One process writes every file (a `cp` per file would take minutes at 100,000).
    python3 - "$many" "$count" "$dir/news.list" <<'PY'
import sys
out, count, listing = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [open(p, "rb").read() for p in open(listing).read().split()]
for k in range(count):
    with open(f"{out}/a{k:06}.md", "wb") as f:
        f.write(texts[k % len(texts)])
PY
    bytes=$(find "$many" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    find "$many" -type f -exec cat {} + >/dev/null # warm the page cache
    wc=$(measure sh -c "find '$many' -type f -print0 | xargs -0 wc -w")
    for cmd in $cmds; do
        fig=$(measure "$bin" "$cmd" --format json "$many")
        report "$cmd news $count files" "$bytes" "$count" "$fig" "$wc"
    done
    rm -rf "$many"
done
