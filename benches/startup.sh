#!/usr/bin/env bash
# Start-up of the release binary: `figcheck check one.txt` and `figcheck extract one.txt` on a
# file of one sentence, where nearly all the work is the binary getting ready (tables, lexicon,
# configuration, arguments) rather than reading prose.
#
# Usage: benches/startup.sh [RUNS] [BINARY]
#   RUNS    timed runs of each command (default 50)
#   BINARY  the figcheck binary (default: built with `cargo build --release`)
# Env: CALLGRIND=1 also prints each command's instruction total under callgrind (valgrind),
#      which is stable on a loaded machine where wall time is not.
#
# Prints, for each command, the median and the fastest wall time in milliseconds. The runs are
# made in an empty temporary folder, so no figcheck.toml is found above the file.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-50}
bin=${2:-}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi
bin=$(realpath "$bin")

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
echo "The ferry carried 212 passengers and 38 cars across the strait on Tuesday, up from 190 a week earlier." >one.txt

# Median and minimum of the numbers on stdin (microseconds), printed in milliseconds.
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "median %.2f ms  fastest %.2f ms  (%d runs)\n", m / 1000, v[1] / 1000, NR }'
}

for cmd in check extract; do
    # One untimed run, so the binary is in the page cache; `check` exits 1 on a finding.
    "$bin" "$cmd" one.txt >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
        t0=$EPOCHREALTIME
        "$bin" "$cmd" one.txt >/dev/null 2>&1 || true
        t1=$EPOCHREALTIME
        echo $(((${t1/./} - ${t0/./})))
    done | { printf '%-8s ' "$cmd"; stats; }
    if [[ ${CALLGRIND:-0} == 1 ]]; then
        valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$bin" "$cmd" one.txt \
            >/dev/null 2>"$dir/cg.log" || true
        printf '%-8s callgrind %s instructions\n' "$cmd" \
            "$(grep -o 'Collected : [0-9]*' "$dir/cg.log" | awk '{print $3}')"
    fi
done
