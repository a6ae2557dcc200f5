#!/usr/bin/env bash
# scripts/new-rule.py on a copy of the tree: writes the four places, keeps table.def sorted,
# refuses a taken name or id, and the generated logic file and the table compile.
#   scaffolder.sh SRC WORK BUILD_DIR
set -euo pipefail
src=$1 work=$2 build=$3
. "$src/tests/integration/lib.sh"
need_command python3
rm -rf "$work"
mkdir -p "$work/rules" "$work/src/rules" "$work/fixtures/rules"
cp "$src"/rules/*.toml "$work/rules/"
cp "$src/src/rules/table.def" "$src/src/rules/table.cpp" "$work/src/rules/"
new_rule() { python3 "$src/scripts/new-rule.py" --root "$work" "$@"; }

new_rule sagemaker-example-check SL998 warning --tag sagemaker >"$work/out.txt" || { cat "$work/out.txt"; fail "new-rule.py"; }
grep -q 'scripts/bless.sh sagemaker-example-check' "$work/out.txt" || fail "next steps not printed"
for f in rules/sagemaker-example-check.toml src/rules/sagemaker_example_check.cpp \
         fixtures/rules/sagemaker-example-check/valid/TODO-new-rule.json \
         fixtures/rules/sagemaker-example-check/invalid/TODO-new-rule.json; do
  [ -f "$work/$f" ] || fail "$f not written"
done
grep -q '^id = "SL998"$' "$work/rules/sagemaker-example-check.toml" || fail "toml id"
grep -q '^tags = \["sagemaker"\]$' "$work/rules/sagemaker-example-check.toml" || fail "toml tags"
grep -q 'TODO(new-rule)' "$work/rules/sagemaker-example-check.toml" || fail "toml has no TODO marker"
python3 - "$work/src/rules/table.def" <<'PY' || fail "table.def"
import re, sys
text = open(sys.argv[1]).read()
entries = re.findall(r'^SAGELINT_RULE\("([a-z0-9-]+)", (\w+)\)$', text, re.M)
names = [n for n, _ in entries]
assert len(entries) > 1 and names == sorted(names), entries
assert ("sagemaker-example-check", "sagemaker_example_check") in entries, entries
assert all(n.replace("-", "_") == s for n, s in entries), entries
PY
for f in "$work"/fixtures/rules/sagemaker-example-check/*/TODO-new-rule.json; do
  python3 -m json.tool "$f" >/dev/null || fail "$f is not JSON"
done
echo "ok: new-rule.py wrote the toml, the logic, the sorted table entry and two fixtures"

if new_rule sagemaker-example-check SL997 note >/dev/null 2>&1; then fail "a taken name was accepted"; fi
if new_rule another-check SL998 note >/dev/null 2>&1; then fail "a taken id was accepted"; fi
if new_rule Bad_Name SL996 note >/dev/null 2>&1; then fail "a bad name was accepted"; fi
if new_rule bad-id S12 note >/dev/null 2>&1; then fail "a bad id was accepted"; fi
echo "ok: taken names and ids, bad names and ids are refused"

# The generated logic compiles against the real headers.
cxx=${CXX:-c++}
command -v "$cxx" >/dev/null || skip "no C++ compiler to check the generated file"
"$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -I "$src/src" -I "$build/generated" \
  $(pkg-config --cflags tomlplusplus 2>/dev/null) "$work/src/rules/sagemaker_example_check.cpp" ||
  fail "the generated rule does not compile"
echo "ok: the generated rule compiles"

# Principal and access scope: the TOML says the scope and the class derives from the matching base.
new_rule sagemaker-example-principal SL995 warning --scope principal >/dev/null || fail "new-rule.py --scope principal"
new_rule sagemaker-example-access SL994 warning --scope access >/dev/null || fail "new-rule.py --scope access"
grep -q '^scope = "principal"$' "$work/rules/sagemaker-example-principal.toml" || fail "principal toml scope"
grep -q '^scope = "access"$' "$work/rules/sagemaker-example-access.toml" || fail "access toml scope"
if grep -q '^scope' "$work/rules/sagemaker-example-check.toml"; then fail "a document rule's toml names a scope"; fi
grep -q 'public lint::PrincipalRule' "$work/src/rules/sagemaker_example_principal.cpp" || fail "principal base class"
grep -q 'public lint::AccessRule' "$work/src/rules/sagemaker_example_access.cpp" || fail "access base class"
for f in sagemaker_example_principal sagemaker_example_access; do
  "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I "$src/src" -I "$build/generated" \
    $(pkg-config --cflags tomlplusplus 2>/dev/null) "$work/src/rules/$f.cpp" || fail "the generated $f does not compile"
done
echo "ok: --scope principal and --scope access write the matching TOML scope and base class, and compile"

# The table with the three new lines compiles (table.cpp includes the work tree's table.def).
"$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I "$work/src" -I "$src/src" -I "$build/generated" \
  $(pkg-config --cflags tomlplusplus 2>/dev/null) "$work/src/rules/table.cpp" || fail "table.cpp with the new table.def lines does not compile"
echo "ok: table.cpp compiles with the new table.def lines"
