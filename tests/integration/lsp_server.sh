#!/usr/bin/env bash
# `sagelint server` driven by a scripted LSP client: tests/integration/lsp_server.py.
#   lsp_server.sh SAGELINT SRC WORK
set -euo pipefail
src=$2
. "$src/tests/integration/lib.sh"
need_command python3
exec python3 "$src/tests/integration/lsp_server.py" "$@"
