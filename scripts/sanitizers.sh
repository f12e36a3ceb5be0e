#!/usr/bin/env bash
# Runs the test suite under ThreadSanitizer (the parallel kernel, villages, reviews, the demo at 1/2/4 threads) and
# AddressSanitizer (everything). Each sanitizer builds into its own scratch folder; a few minutes each on 2 cores.
# GDAL and PROJ are not instrumented: races or overflows inside them are not seen, only covgap's own code.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
echo "== ThreadSanitizer" >&2
TSAN_OPTIONS="halt_on_error=1" swift test --sanitize=thread --scratch-path .build-tsan \
  --filter "KernelHandTests|VillageTests|ReviewTests|DemoCrossCheckTests|SimulationTests"
echo "== AddressSanitizer" >&2
ASAN_OPTIONS="detect_leaks=0:halt_on_error=1" swift test --sanitize=address --scratch-path .build-asan \
  --skip "KillSafetyTests"
