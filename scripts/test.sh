#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the whole test suite with CTest. Tests that need
# ../shared/ (the corpora) or a registry (npm) skip with a message when those are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build=${BUILD_DIR:-build}
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure --timeout 600 "$@"
