#!/usr/bin/env bash
# Fuzzes every parser of outside input (config, site and village lists, boundary GeoJSON, review submissions) for a
# bounded time: seeded mutations of valid inputs; each must be read or refused with a clear error, never crash.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60). A crash leaves its input in $TMPDIR/covgap-fuzz-<target>;
# add the printed seed to FuzzTests.regressionSeeds so it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
COVGAP_FUZZ_SECONDS=${1:-60} swift test --filter FuzzTests
