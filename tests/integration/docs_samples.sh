#!/usr/bin/env bash
# The sample outputs shown in README.md and docs/*.md are what this build prints.
#   docs_samples.sh SAGELINT SRC
set -euo pipefail
sagelint=$1 src=$2
. "$src/tests/integration/lib.sh"
need_command python3
exec python3 "$src/scripts/gen-doc-samples.py" --check --sagelint "$sagelint"
