#!/usr/bin/env bash
# The man page and --help describe the same options, and --help every option the parser
# accepts; the page renders without groff warnings and shows the project version.
#   man_page.sh SAGELINT SRC MAN_PAGE(built, uncompressed)
set -euo pipefail
sagelint=$1 src=$2 page=$3
. "$src/tests/integration/lib.sh"

options() { grep -oE '(^|[][ ,(/"])--?[a-z][a-z-]*' | sed -E 's/^[][ ,(/"]//' | grep -vE '^-$' | sort -u; }

help=$("$sagelint" --help | options)
man=$(sed -e 's/\\-/-/g' -e 's/\\f[BIPR]//g' "$page" | grep -v '^\.\\"' | options)
# The parser's options: the string literals compared with `name` in parse_options.
parser=$(grep -oE 'name == "-[^"]+"' "$src/src/cli/options.cpp" | sed -E 's/name == "([^"]+)"/\1/' | sort -u)

status=0
only_help=$(comm -23 <(echo "$help") <(echo "$man"))
only_man=$(comm -13 <(echo "$help") <(echo "$man"))
# --colour is the British spelling of --color, accepted but not advertised.
undocumented=$(comm -23 <(echo "$parser") <(echo "$help") | grep -vx -- '--colour' || true)
[ -z "$only_help" ] || { echo "in --help but not in the man page: $only_help"; status=1; }
[ -z "$only_man" ] || { echo "in the man page but not in --help: $only_man"; status=1; }
[ -z "$undocumented" ] || { echo "accepted by the parser but not in --help: $undocumented"; status=1; }
echo "options in --help: $(echo "$help" | wc -l), in the man page: $(echo "$man" | wc -l), parsed: $(echo "$parser" | wc -l)"

version=$("$sagelint" --version | sed -n 's/^sagelint //p')
grep -q "^\.TH SAGELINT 1 \"\" \"sagelint $version\"" "$page" || { echo "man page does not show version $version"; status=1; }

# Version from one place: the release tags the docs tell users to pin are this version.
pinned=$(grep -ohE '(rev: |sagelint/sagelint@|ref: )v[0-9]+\.[0-9]+\.[0-9]+' "$src/docs/integrations.md" |
         sed 's/.*v//' | sort -u)
[ "$pinned" = "$version" ] || { echo "docs/integrations.md pins version(s) $pinned, the project is $version"; status=1; }
# CHANGELOG.md: its newest entry is this version.
changelog=$(grep -m1 -oE '^## [0-9]+\.[0-9]+\.[0-9]+' "$src/CHANGELOG.md" | sed 's/^## //' || true)
[ "$changelog" = "$version" ] || { echo "CHANGELOG.md's newest entry is '$changelog', the project is $version"; status=1; }

if command -v groff >/dev/null; then
  warnings=$(groff -man -ww -z -Tutf8 "$page" 2>&1 || true)
  [ -z "$warnings" ] || { echo "groff warnings:"; echo "$warnings"; status=1; }
  groff -man -Tascii -P-cbou "$page" 2>/dev/null | grep -q -- '--update-baseline' || { echo "groff rendered no options"; status=1; }
  echo "groff renders the page without warnings"
fi
exit $status
