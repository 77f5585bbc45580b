#!/usr/bin/env bash
# Run every fuzz target (or those named) for a given time each, installing
# cargo-fuzz first when it is missing.
#
#   fuzz/run.sh              # every target, 10 minutes each
#   fuzz/run.sh 60 check     # the `check` target for 60 seconds
#
# cargo-fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP=1 lets a stable
# toolchain accept them. Each target's corpus grows in fuzz/corpus/TARGET/
# (git ignores what a run adds); a crash is saved in fuzz/artifacts/TARGET/
# and ends the script with libFuzzer's exit code.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]]; then
    echo "usage: fuzz/run.sh [SECONDS] [TARGET…]" >&2
    exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz…" >&2
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

for target in "${targets[@]}"; do
    corpus=fuzz/corpus/$target
    mkdir -p "$corpus"
    dict=()
    [ -f fuzz/toml.dict ] && dict=(-dict=fuzz/toml.dict)
    echo "fuzzing $target for ${seconds}s…" >&2
    cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" "${dict[@]}"
done
