#!/usr/bin/env bash
# The test suite: installs what the tests need when missing, checks the formatting (swift-format, which ships with
# the toolchain, against .swift-format), then runs swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift format lint --strict --recursive --configuration .swift-format Package.swift Sources Tests
swift test --explicit-target-dependency-import-check error
