#!/usr/bin/env bash
# End-to-end throughput of the release binary: `figcheck extract --format json FILE > /dev/null`
# and `figcheck check --format json FILE > /dev/null` on a generated news file (the five
# fixtures/kyiv-pause drafts repeated to SIZE_MB), against `wc -w` on the same file in the same
# run (issue #15: `check` within 1.3x of `extract`).
#
# Usage: benches/end_to_end.sh [SIZE_MB] [RUNS] [BINARY]
#   SIZE_MB  size of the news file (default 20)
#   RUNS     timed runs of each command (default 7)
#   BINARY   the figcheck binary (default: built with `cargo build --release`)
# Env: EXT=md|txt (default md: the file is read as Markdown, as the drafts are written).
#
# Prints, for each command, the fastest and the median wall time and CPU time (user + sys) with
# MB/s (1 MB = 10^6 bytes), then the ratio of figcheck's time to `wc -w`'s and of `check`'s to
# `extract`'s. `check` exits 1 when it finds something; only its time is measured. On a shared
# machine wall time swings with the load; CPU time and the fastest run swing less.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size_mb=${1:-20}
runs=${2:-7}
bin=${3:-}
ext=${EXT:-md}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/news.$ext"
one="$dir/one"
for f in "$root"/fixtures/kyiv-pause/*.md; do
    cat "$f"
    printf '\n\n'
done >"$one"
target=$((size_mb * 1000000))
: >"$file"
while [[ $(stat -c %s "$file") -lt $target ]]; do
    cat "$one" "$one" "$one" "$one" "$one" "$one" "$one" "$one" >>"$file"
done
bytes=$(stat -c %s "$file")

# Times `$@` RUNS times; prints "fastest median" for wall and for CPU seconds.
measure() {
    local walls=() cpus=() t
    "$@" >/dev/null # warm the page cache
    for ((i = 0; i < runs; i++)); do
        t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null; } 2>&1 )
        read -r real user sys <<<"$t"
        walls+=("$real")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')")
    done
    local w c
    w=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)]}')
    c=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[1], a[int((NR+1)/2)]}')
    echo "$w $c"
}

report() {
    local name=$1 wf wm cf cm
    read -r wf wm cf cm <<<"$2"
    awk -v n="$name" -v b="$bytes" -v wf="$wf" -v wm="$wm" -v cf="$cf" -v cm="$cm" 'BEGIN {
        mb = b / 1e6
        printf "%-28s wall fastest %6.3f s (%6.1f MB/s), median %6.3f s (%6.1f MB/s); cpu fastest %6.3f s (%6.1f MB/s), median %6.3f s (%6.1f MB/s)\n",
            n, wf, mb / wf, wm, mb / wm, cf, mb / (cf > 0 ? cf : 1e-9), cm, mb / (cm > 0 ? cm : 1e-9)
    }'
}

echo "file: $bytes bytes of news copy ($ext), $runs runs each; binary: $bin"
# `check` exits 1 when it reports findings: a run that ends so still counts.
run_check() {
    "$bin" check --format json "$file" || [[ $? -eq 1 ]]
}

fig=$(measure "$bin" extract --format json "$file")
chk=$(measure run_check)
wc=$(measure wc -w "$file")
report "figcheck extract --format json" "$fig"
report "figcheck check --format json" "$chk"
report "wc -w" "$wc"
read -r fwf fwm fcf fcm <<<"$fig"
read -r kwf kwm kcf kcm <<<"$chk"
read -r wwf wwm wcf wcm <<<"$wc"
awk -v a="$fwm" -v b="$wwm" -v c="$fcm" -v d="$wcm" 'BEGIN {
    printf "extract, ratio to wc -w (median): wall %.1fx, cpu %.1fx\n", a / b, (d > 0 ? c / d : 0)
}'
awk -v a="$kwm" -v b="$wwm" -v c="$kcm" -v d="$wcm" 'BEGIN {
    printf "check, ratio to wc -w (median): wall %.1fx, cpu %.1fx\n", a / b, (d > 0 ? c / d : 0)
}'
awk -v a="$kwm" -v b="$fwm" -v c="$kcm" -v d="$fcm" 'BEGIN {
    printf "check / extract (median): wall %.2fx, cpu %.2fx (issue #15: at most 1.3x)\n", a / b, (d > 0 ? c / d : 0)
}'
