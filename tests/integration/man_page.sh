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

# The refs the docs tell users to pin (pre-commit `rev:`, the Action's `@`, a checkout's `ref:`)
# exist: a tag of this version once it is published, otherwise a commit. Tags do not travel
# with every copy of the repository, so a vX.Y.Z pin must be a tag this clone has.
pins=$(grep -ohE '(rev: |sagelint/sagelint@|ref: )[^ #`]+' "$src/README.md" "$src"/docs/*.md "$src/CONTRIBUTING.md" |
       sed -E 's/^(rev: |sagelint\/sagelint@|ref: )//' | grep -v '^<' | sort -u)
[ -n "$pins" ] || { echo "no pinned ref found in the docs"; status=1; }
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1 && ! git -C "$src" rev-parse --is-shallow-repository | grep -q true; then
  for ref in $pins; do
    if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
      git -C "$src" rev-parse -q --verify "refs/tags/$ref" >/dev/null ||
        { echo "the docs pin $ref, which is not a tag of this repository: pin a commit until it is published"; status=1; }
      [ "$ref" = "v$version" ] || { echo "the docs pin $ref, the project is $version"; status=1; }
    elif [[ $ref =~ ^[0-9a-f]{40}$ ]]; then
      git -C "$src" cat-file -e "$ref^{commit}" 2>/dev/null ||
        { echo "the docs pin commit $ref, which this repository does not have"; status=1; }
    else
      echo "the docs pin '$ref': pin a 40-hex commit or a published vX.Y.Z tag"; status=1
    fi
  done
  echo "pinned refs in the docs exist: $(echo $pins)"
else
  for ref in $pins; do
    [[ $ref =~ ^[0-9a-f]{40}$ ]] || { echo "the docs pin '$ref', which is not a commit (no git history here to look up tags)"; status=1; }
  done
  echo "not a complete git clone: pinned refs checked for form only"
fi
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
