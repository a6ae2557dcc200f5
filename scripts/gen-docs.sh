#!/usr/bin/env bash
# Regenerates docs/rules/ from rules/*.toml and docs/sagelint.schema.json from the config keys (needs a build: cmake --build build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target sagelint-docgen >/dev/null
rm -rf docs/rules
"$build/src/cli/sagelint-docgen" --fixtures fixtures/rules docs/rules
echo "docs/rules/ regenerated ($(ls docs/rules | wc -l) files)"
"$build/src/cli/sagelint-docgen" --schema docs/sagelint.schema.json
echo "docs/sagelint.schema.json regenerated"
# Samples of real output quoted in the docs (README.md, docs/*.md) follow the messages.
python3 scripts/gen-doc-samples.py --sagelint "$build/src/cli/sagelint"
