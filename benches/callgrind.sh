#!/usr/bin/env bash
# Instruction counts (callgrind) of `figcheck extract --format json` and `figcheck check
# --format json` on generated news copy (every fixtures/news/**/*.md concatenated, repeated to
# about SIZE_MB) and on dense copy (every other fixtures/**/*.md, repeated to about SIZE_MB),
# printing each total and check / extract. Instruction counts are stable on a loaded machine,
# where wall time is not.
#
# Usage: benches/callgrind.sh [BINARY] [LABEL] [SIZE_MB]
#   BINARY  the figcheck binary (default: built with `cargo build --release`)
#   LABEL   a name for this run; the callgrind outputs are kept as
#           ${OUT:-/tmp}/cg.LABEL.{news,dense}.{extract,check} for `callgrind_annotate
#           --inclusive=yes FILE`
#   SIZE_MB size of each input (default 1)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
label=${2:-run}
size_mb=${3:-1}
out=${OUT:-/tmp}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet --bin figcheck)
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target=$((size_mb * 1000000))

# Repeats the concatenation of the files listed on stdin into $1 up to the target size.
make_input() {
    local file=$1 one="$dir/one"
    : >"$one"
    while IFS= read -r f; do
        cat "$f" >>"$one"
        printf '\n\n' >>"$one"
    done
    : >"$file"
    while [[ $(stat -c %s "$file") -lt $target ]]; do
        cat "$one" >>"$file"
    done
}
find "$root/fixtures/news" -name '*.md' | LC_ALL=C sort | make_input "$dir/news.md"
find "$root/fixtures" -name '*.md' -not -path '*/fixtures/news/*' | LC_ALL=C sort |
    make_input "$dir/dense.md"

total() {
    # The "summary:" line of a callgrind output file: instructions.
    awk '/^summary:/ {print $2}' "$1"
}

for input in news dense; do
    file="$dir/$input.md"
    bytes=$(stat -c %s "$file")
    declare -A n=()
    for cmd in extract check; do
        cg="$out/cg.$label.$input.$cmd"
        valgrind --tool=callgrind --callgrind-out-file="$cg" \
            "$bin" "$cmd" --format json "$file" >/dev/null 2>"$cg.log" || true
        n[$cmd]=$(total "$cg")
    done
    awk -v l="$label" -v i="$input" -v b="$bytes" -v e="${n[extract]}" -v c="${n[check]}" \
        'BEGIN {printf "%s %s (%d bytes): extract %.1f M, check %.1f M, check/extract %.3f\n",
                l, i, b, e / 1e6, c / 1e6, c / e}'
    unset n
done
