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
cargo fuzz build -O --sanitizer "$san"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "$work/artifacts/$t"
  [ -d "corpus/$t" ] && cp -r "corpus/$t/." "$work/$t/"
  echo "== fuzz $t for ${secs}s"
  cargo fuzz run -O --sanitizer "$san" "$t" "$work/$t" ../fixtures -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="$work/artifacts/$t/" -print_final_stats=1 2>&1 | tail -n 12
  if [ -n "$(ls -A "$work/artifacts/$t")" ]; then
    echo "fuzz $t: crash or timeout; inputs:" >&2
    ls "$work/artifacts/$t" >&2
    exit 1
  fi
done
