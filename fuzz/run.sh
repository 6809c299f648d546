#!/usr/bin/env bash
# Builds the fuzz targets and runs each for SECONDS (default 30), seeded from fixtures/, in a
# scratch corpus (the repository is not written). Fails on any crash, timeout or leak.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
shift || true
export RUSTC_BOOTSTRAP=1   # cargo-fuzz needs nightly flags; this stable toolchain allows them
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi
# Without a sanitizer the build is several times faster; the targets' own assertions and
# Rust's bounds checks catch what they claim. FUZZ_SANITIZER=address for the ASan build.
san="${FUZZ_SANITIZER:-none}"
# One seed by default, so a smoke run is reproducible: a failure in CI replays here with the
# same seed (FUZZ_SEED=0 lets libFuzzer pick one, as a campaign does).
seed="${FUZZ_SEED:-1}"
cargo fuzz build -O --sanitizer "$san"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "$work/artifacts/$t"
  [ -d "corpus/$t" ] && cp -r "corpus/$t/." "$work/$t/"
  echo "== fuzz $t for ${secs}s, seed $seed"
  cargo fuzz run -O --sanitizer "$san" "$t" "$work/$t" ../fixtures -- \
    -seed="$seed" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="$work/artifacts/$t/" -print_final_stats=1 >"$work/$t.log" 2>&1 || true
  tail -n 12 "$work/$t.log"
  if [ -n "$(ls -A "$work/artifacts/$t")" ] || ! grep -q '^Done [0-9]* runs' "$work/$t.log"; then
    # A CI log is all a reader gets: the reason, the panic, and each failing input in base64
    # (decode with `base64 -d > crash` and replay with `cargo fuzz run TARGET crash`).
    echo "fuzz $t: crash, timeout or fuzzer error"
    grep -E -m 40 'panicked|ERROR|SUMMARY|Error:|timeout|deadly signal|out-of-memory|Test unit written' \
      "$work/$t.log" || true
    for f in "$work/artifacts/$t"/*; do
      [ -f "$f" ] || continue
      echo "--- $(basename "$f") ($(wc -c <"$f") bytes), base64:"
      head -c 8192 "$f" | base64 -w 0
      echo
    done
    exit 1
  fi
done
