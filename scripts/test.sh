#!/usr/bin/env bash
# The test suite: installs what the tests need when missing, then runs swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift test --explicit-target-dependency-import-check error
