#!/usr/bin/env bash
# Runs the benchmark programs of tests/bench and prints their tables (make bench).
# Run on an otherwise idle machine: the figures in BENCHMARKS.md come from this script.
set -euo pipefail
build=${1:-build}
echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "# flags: $(grep -m1 flags /proc/cpuinfo | grep -o 'avx512[a-z_0-9]*' | sort -u | xargs)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$build/tests/bench/bench_decoder" --preset magenta-h512-bo16 --batches 1,16,64,256 --threads 1,2 --precisions fp32,bf16,int8 --seconds 3
"$build/tests/bench/bench_decoder" --preset workbench-w32 --batches 1,16,64,256 --threads 1,2 --seconds 3
"$build/tests/bench/bench_encoder" --preset magenta-h512-bo16 --notes 1,4 --threads 1,2 --rounds 3
for extra in "$build"/tests/bench/bench_*; do
  case "$(basename "$extra")" in bench_decoder|bench_encoder) continue ;; esac
  if [ -f "$extra" ] && [ -x "$extra" ]; then "$extra"; fi
done
# The workshop grid end to end with the shipped default model: 4 demo instruments at MIDI 24..48
# step 4, 9x9 (539 unique notes of 64000 samples), plan + run on this machine, all cores.
model=resources/models/default.safetensors
if [ -f "$model" ] && [ -d resources/demo/notes ]; then
  job="$(mktemp -d)/workshop"
  start=$(date +%s.%N)
  "$build/app/nsynth" grid plan --notes resources/demo/notes --corners piano,tuba,guitar,bassoon --pitches 24:48:4 \
    --resolution 9 --model "$model" --no-measure --progress none -o "$job" > /dev/null
  "$build/app/nsynth" grid run "$job" --progress none > /dev/null
  end=$(date +%s.%N)
  echo "workshop grid (default model, 539 notes x 64000 samples, plan + run): $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
  rm -rf "$(dirname "$job")"
fi
