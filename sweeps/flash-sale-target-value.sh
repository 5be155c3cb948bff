#!/bin/sh
# Which CPU target value should the flash-sale fleet's target-tracking policy use?
# Sweeps autoScaling.policies.0.targetValue over 30 … 80 % with 10 replications each (seeds 1-10,
# the same for every value), then writes the Markdown table and the chart in sweeps/README.md.
#   sh sweeps/flash-sale-target-value.sh [--jobs J] [--shard K/N]
set -eu
cd "$(dirname "$0")/.."
out=${OUT:-sweeps/results/flash-sale-target-value}
node bin/elbsim.js sweep scenarios/flash-sale-target-tracking.yaml \
  --vary autoScaling.policies.0.targetValue=30,40,50,60,70,80 \
  --replications 10 --seed 1 --out "$out" "$@"
npx tsx sweeps/report.ts "$out/summary.csv" --svg sweeps/flash-sale-target-value.svg \
  --title 'Flash sale (100 → 600 req/s for 25 min): CPU target value, mean and 95% CI over 10 seeds' \
  > "$out/table.md"
cat "$out/table.md"
