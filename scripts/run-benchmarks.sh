#!/usr/bin/env bash
# Runs the benchmark programs of tests/bench and prints their tables (make bench).
# Run on an otherwise idle machine: the figures in BENCHMARKS.md come from this script.
set -euo pipefail
build=${1:-build}
echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "# flags: $(grep -m1 flags /proc/cpuinfo | grep -o 'avx512[a-z_0-9]*' | sort -u | xargs)"
echo "# date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$build/tests/bench/bench_decoder" --preset magenta-h512-bo16 --batches 1,8,64 --threads 1,2 --seconds 3
"$build/tests/bench/bench_encoder" --preset magenta-h512-bo16 --notes 1,4 --threads 1,2 --rounds 3
for extra in "$build"/tests/bench/bench_*; do
  case "$(basename "$extra")" in bench_decoder|bench_encoder) continue ;; esac
  [ -x "$extra" ] && "$extra"
done
