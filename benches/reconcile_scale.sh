#!/usr/bin/env bash
# Reconcile at scale (issue 13): `figcheck reconcile --format json` (output to /dev/null) on
# COUNT generated sources, one news article each (the fixtures/news articles in turn, so every
# claim key recurs across sources and rows grow with the count), in one directory. Reports per
# count the wall and CPU (user + sys) time, the time per source (wall and CPU, in ms: flat
# across counts when reconcile is linear in sources) and the peak resident memory
# (/usr/bin/time -v), with peak memory per source in KB.
#
# Usage: benches/reconcile_scale.sh [COUNTS] [BINARY]
#   COUNTS  numbers of sources (default "1000 10000 100000")
#   BINARY  the figcheck binary (default: built with `cargo build --release`)
# Env: THREADS (FIGCHECK_THREADS; default every core), TIMEOUT (seconds per run, default 900),
#      FORMAT (default json; human or html to measure those renderings).
# Inputs go to a temporary directory, removed at the end (~0.6 GB at 100,000 sources). Needs
# python3 (to write the many files). CPU time is the steadier figure on a shared machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
counts=${1:-"1000 10000 100000"}
bin=${2:-}
timeout_s=${TIMEOUT:-900}
format=${FORMAT:-json}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi
if [[ -n ${THREADS:-} ]]; then
    export FIGCHECK_THREADS=$THREADS
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
find "$root/fixtures/news" -name '*.md' | sort >"$dir/news.list"

echo "binary: $bin; format: $format; threads: ${FIGCHECK_THREADS:-all $(nproc) cores}; $(date -u '+%F %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for count in $counts; do
    many="$dir/files.$count"
    mkdir -p "$many"
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
    st=0
    timeout "$timeout_s" /usr/bin/time -v -o "$dir/time.txt" \
        "$bin" reconcile --format "$format" "$many" >/dev/null 2>"$dir/err.txt" || st=$?
    if [[ $st -eq 124 ]]; then
        printf '%7d sources  timeout (over %s s)\n' "$count" "$timeout_s"
    else
        awk -v n="$count" -v b="$bytes" -v st="$st" -F': ' '
            /Elapsed \(wall clock\)/ { k = split($2, p, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + p[i] }
            /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
            END {
                printf "%7d sources %7.1f MB  wall %8.2f s (%6.3f ms/source)  cpu %8.2f s (%6.3f ms/source)  peak %8.1f MB (%5.1f KB/source)  exit %s\n",
                    n, b / 1e6, w, 1000 * w / n, u + s, 1000 * (u + s) / n, m / 1024, m / n, st
            }' "$dir/time.txt"
    fi
    rm -rf "$many"
done
