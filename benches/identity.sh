#!/usr/bin/env bash
# Whether two figcheck binaries write byte-identical output: `extract`, `check` and
# `reconcile` (`--format json`, and `check` in its human format too) on every input under
# fixtures/, on /work/shared/seeds (when present) and on the conformance inputs (the files
# named *conformance* under fixtures/ and tests/, when present), one file at a time and, for
# `reconcile`, each directory of fixtures/reconcile and fixtures/kyiv-pause as one run. Exit
# status is compared too.
#
# Usage: benches/identity.sh BASELINE_BINARY [BINARY]
#   BINARY defaults to the one `cargo build --release` builds.
# Prints every difference and "identical: N runs" or "DIFFERENT: K of N runs"; exits 1 on any.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: benches/identity.sh BASELINE_BINARY [BINARY]}
bin=${2:-}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --release --quiet --bin figcheck) || exit 2
    bin="${CARGO_TARGET_DIR:-$root/target}/release/figcheck"
fi
seeds=${SEEDS:-/work/shared/seeds}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
inputs=()
while IFS= read -r f; do inputs+=("$f"); done < <(
    {
        find "$root/fixtures" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \)
        [[ -d $seeds ]] && find "$seeds" -type f
        find "$root/tests" -type f -iname '*conformance*' 2>/dev/null
    } | LC_ALL=C sort -u
)

runs=0
diffs=0
# Runs `$@` with each binary (from the repository, so relative configuration is the same) and
# compares stdout and exit status.
same() {
    runs=$((runs + 1))
    (cd "$root" && "$base" "$@" >"$dir/a" 2>/dev/null; echo "exit $?" >>"$dir/a")
    (cd "$root" && "$bin" "$@" >"$dir/b" 2>/dev/null; echo "exit $?" >>"$dir/b")
    if ! cmp -s "$dir/a" "$dir/b"; then
        diffs=$((diffs + 1))
        echo "DIFFERS: $*"
        diff "$dir/a" "$dir/b" | head -20
    fi
}

for f in "${inputs[@]}"; do
    same extract --format json "$f"
    same check --format json "$f"
    same check "$f"
    same reconcile --format json "$f"
done
for d in "$root/fixtures/reconcile" "$root/fixtures/kyiv-pause"; do
    [[ -d $d ]] || continue
    for sub in "$d" "$d"/*/; do
        [[ -d $sub ]] || continue
        mapfile -t files < <(find "$sub" -maxdepth 1 -type f -name '*.md' | LC_ALL=C sort)
        ((${#files[@]})) && same reconcile --format json "${files[@]}"
    done
done

if ((diffs)); then
    echo "DIFFERENT: $diffs of $runs runs"
    exit 1
fi
echo "identical: $runs runs"
