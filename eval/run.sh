#!/usr/bin/env bash
# Regenerates eval/results/ from the gold sets in ../shared/gold, vigie and the
# spaCy baseline side by side, scored by the same code (`vigie eval`).
#
#   eval/run.sh                 # both systems (creates eval/peers/.venv on first use)
#   SKIP_BASELINE=1 eval/run.sh # vigie only (no Python needed)
#   VIGIE_BIN=/path/to/vigie eval/run.sh  # use that binary instead of building one
#
# Writes eval/results/{acled_dev,news_dev}.json (+ .baseline.json), summary.md
# and throughput.md (commit them), and eval/out/failures.csv (not committed:
# it quotes gold rows, which stay out of the repository).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gold="${GOLD_DIR:-$root/../shared/gold}"
sets=("$gold/acled_dev.csv" "$gold/news_dev.jsonl")
for f in "${sets[@]}"; do
    [ -f "$f" ] || { echo "eval/run.sh: $f not found (set GOLD_DIR)" >&2; exit 2; }
done

cd "$root"
# VIGIE_BIN=path/to/vigie skips the build (e.g. a binary built from a clean checkout).
if [ -z "${VIGIE_BIN:-}" ]; then
    cargo build --release -p vigie-cli
fi
bin="${VIGIE_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/vigie}"
mkdir -p eval/out

baseline=()
if [ "${SKIP_BASELINE:-0}" != 1 ]; then
    bash eval/peers/setup.sh
    eval/peers/.venv/bin/python eval/peers/baseline.py --out eval/peers/out "${sets[@]}"
    baseline=(--baseline eval/peers/out)
fi

# One worker, so throughput compares per core with the single-process baseline.
"$bin" eval -j 1 --write-results eval/results --failures eval/out/failures.csv \
    --save-predictions eval/out/vigie.pred.jsonl "${baseline[@]}" "${sets[@]}"
