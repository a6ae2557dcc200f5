#!/usr/bin/env bash
# No rule is left half-scaffolded: scripts/new-rule.py marks what is still to write with
# TODO(new-rule) and writes placeholder fixtures named TODO-new-rule.json.
#   no_scaffold_leftovers.sh SRC
set -euo pipefail
cd "$1"
left=$(grep -l 'TODO(new-rule)' rules/*.toml src/rules/*.cpp 2>/dev/null || true)
placeholders=$(find fixtures/rules -name 'TODO-new-rule.json' 2>/dev/null || true)
if [ -n "$left$placeholders" ]; then
  echo "unfinished rules (see the steps scripts/new-rule.py printed, and CONTRIBUTING.md):"
  printf '  %s\n' $left $placeholders
  exit 1
fi
echo "no TODO(new-rule) marker and no placeholder fixture left"
