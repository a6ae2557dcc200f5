#!/usr/bin/env bash
# docs/sagelint.schema.json checked by real validators (tests/integration/config_schema.py):
# python3-jsonschema (Debian), and with `taplo` as second argument also taplo, the TOML toolkit
# behind the Even Better TOML editor extension (npm @taplo/cli). Both installed at test time.
#   config_schema.sh SAGELINT SRC WORK [taplo]
set -euo pipefail
sagelint=$1 src=$2 work=$3 mode=${4:-}
. "$src/tests/integration/lib.sh"
need_command python3
# Debian's python3-jsonschema is for Debian's python3, which may not be first on PATH.
py=
find_py() {
  for p in python3 /usr/bin/python3; do
    "$p" -c 'import jsonschema, tomllib' 2>/dev/null && { py=$p; return 0; }
  done
  return 1
}
if ! find_py; then
  echo "installing Debian package python3-jsonschema" >&2
  apt_install python3-jsonschema && find_py ||
    skip "python3-jsonschema (with Python 3.11's tomllib) is not installed and could not be (apt-get install python3-jsonschema needs root and apt)"
fi
taplo=
if [ "$mode" = taplo ]; then
  taplo=$(npm_tool "$work-npm" @taplo/cli taplo)
  # (taplo 0.9 prints its version and exits 1)
  { "$taplo" --version 2>&1 || true; } | grep -q "^taplo " || skip "taplo from npm @taplo/cli does not run here"
fi
rm -rf "$work"
mkdir -p "$work"
exec "$py" "$src/tests/integration/config_schema.py" "$sagelint" "$src" "$work" $taplo
