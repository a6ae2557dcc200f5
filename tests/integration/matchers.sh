#!/usr/bin/env bash
# Problem matchers against real output (see matchers.mjs).   matchers.sh SAGELINT SRC WORK
set -euo pipefail
src=$2
. "$src/tests/integration/lib.sh"
need_command node nodejs
need_command python3
# The tasks.json shown in docs/integrations.md is the file the test applies.
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" vscode-tasks |
  diff -u "$src/docs/editors/vscode-tasks.json" - || fail "docs/integrations.md shows another tasks.json"
exec node "$src/tests/integration/matchers.mjs" "$@"
