#!/usr/bin/env bash
# Rewrites fixtures/rules/*/invalid/*.expected from the current build's output.
# Optional argument: a rule name, to bless only that rule's fixtures.
# READ every rewritten file (git diff) before committing: a blessed file is a claim.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" >/dev/null
filter="fixture:fixtures/rules/${1:-}"
SAGELINT_BLESS=1 ctest --test-dir "$build" -R "^${filter}" -Q --output-on-failure || true
# A new fixture needs a CMake re-run before ctest knows it.
git status --short fixtures/rules | grep expected || true
