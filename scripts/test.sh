#!/usr/bin/env bash
# Sets up (scripts/setup.sh --tests: build dependencies, the tools the tests drive, every
# target) and runs the whole test suite with CTest. Arguments go to ctest (e.g. -LE slow).
# Tests that need ../shared/ (the corpora) or a registry (npm) skip with a message when those
# are absent; the reason of every skipped test is printed after the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
build=${BUILD_DIR:-build}
status=0
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure --timeout 600 "$@" || status=$?
# Every skipping test prints a line "SKIP: why"; CTest keeps it only in its log.
log="$build/Testing/Temporary/LastTest.log"
if [ -f "$log" ]; then
  awk '/^[0-9]+\/[0-9]+ Test: / { sub(/^[0-9]+\/[0-9]+ Test: /, ""); name = $0 }
       /^SKIP: / { print "skipped " name ": " substr($0, 7) }' "$log"
fi
exit $status
