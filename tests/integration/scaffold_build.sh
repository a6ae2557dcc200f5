#!/usr/bin/env bash
# scripts/new-rule.py end to end, on a copy of the working tree: one rule of each scope
# (document, principal, access) is scaffolded, the copy is built, and then
# - list-rules shows all three (the registry refuses to start when a TOML scope and the class
#   disagree, so this is the proof that they agree);
# - each placeholder valid/ fixture passes the fixture harness, and each placeholder invalid/
#   fixture fails it ("produced no finding") until the rule reports;
# - the access rule, then made to report, is blessed and then passes;
# - a TOML scope changed to disagree with the class makes sagelint refuse to start.
# Slow (a build of the copy; ccache makes most of it cache hits): label `slow`.
#   scaffold_build.sh SRC WORK
set -euo pipefail
src=$1 work=$2
. "$src/tests/integration/lib.sh"
need_command python3
need_command git
need_command cmake
need_command ninja
rm -rf "$work"
mkdir -p "$work/tree"
# The working tree as it is (tracked and new files), not the build directories.
(cd "$src" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$src" && tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$work/tree"
tree=$work/tree
new_rule() { python3 "$tree/scripts/new-rule.py" --root "$tree" "$@" >/dev/null; }
new_rule example-document-check SL998 warning || fail "new-rule.py (document)"
new_rule example-principal-check SL995 warning --scope principal || fail "new-rule.py --scope principal"
new_rule example-access-check SL994 warning --scope access || fail "new-rule.py --scope access"
build() {
  cmake -S "$tree" -B "$tree/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 ||
    { tail -20 "$work/cmake.log"; fail "configure the copy"; }
  cmake --build "$tree/build" -j2 --target sagelint >"$work/build.log" 2>&1 ||
    { grep -E 'error|FAILED' "$work/build.log" | head -20; fail "build the copy ($1)"; }
}
build "three scaffolded rules"
sagelint=$tree/build/src/cli/sagelint
"$sagelint" list-rules >"$work/rules.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; fail "list-rules"; }
for r in "SL994  example-access-check" "SL995  example-principal-check" "SL998  example-document-check"; do
  grep -q "^$r " "$work/rules.txt" || fail "list-rules does not show $r"
done
echo "ok: the three scaffolded rules build and register (TOML scope and class agree)"

fixture() {  # fixture RULE valid|invalid [BLESS]: the fixture harness on the placeholder
  (cd "$tree" && cmake -DSAGELINT="$sagelint" -DFIXTURE="fixtures/rules/$1/$2/TODO-new-rule.json" -DRULE="$1" \
    ${3:+-DBLESS=1} -P tests/run_fixture.cmake) >"$work/fixture.txt" 2>&1
}
for r in example-document-check example-principal-check example-access-check; do
  fixture "$r" valid || { cat "$work/fixture.txt"; fail "$r: the valid placeholder does not pass"; }
done
for r in example-document-check example-principal-check example-access-check; do
  if fixture "$r" invalid; then fail "$r: the invalid placeholder passed although the rule reports nothing"; fi
  # CMake wraps its message: compare with the line breaks and indents folded.
  tr -s ' \n' '  ' <"$work/fixture.txt" | grep -q "produced no finding for $r" ||
    { cat "$work/fixture.txt"; fail "$r: unexpected failure"; }
done
# The access rule reports on every subject, so its placeholder invalid fixture has a finding.
python3 - "$tree/src/rules/example_access_check.cpp" <<'PY' || fail "patching the access rule"
import sys
path = sys.argv[1]
text = open(path).read()
assert "    (void)ctx;\n" in text, "the scaffold's access body changed"
open(path, "w").write(text.replace("    (void)ctx;\n", '    ctx.report("example finding of the scaffolded access rule");\n', 1))
PY

build "the access rule reporting"
fixture example-access-check invalid bless || { cat "$work/fixture.txt"; fail "bless the access rule's fixture"; }
expected=$tree/fixtures/rules/example-access-check/invalid/TODO-new-rule.expected
grep -q "example finding of the scaffolded access rule \[SL994 example-access-check\]" "$expected" ||
  { cat "$expected"; fail "the blessed output is not the access rule's finding"; }
fixture example-access-check invalid || { cat "$work/fixture.txt"; fail "the blessed access fixture does not pass"; }
echo "ok: valid placeholders pass, invalid ones fail until the rule reports; a reporting rule's fixture passes once blessed"

# A TOML scope that disagrees with the class: sagelint must not start (the rule would never run).
sed -i 's/^scope = "principal"$/scope = "access"/' "$tree/rules/example-principal-check.toml"
grep -q '^scope = "access"$' "$tree/rules/example-principal-check.toml" || fail "could not change the scope"
build "a scope mismatch"
set +e
"$sagelint" list-rules >/dev/null 2>"$work/err.txt"
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a TOML/class scope mismatch: exit $rc, expected 2"
grep -q "example-principal-check" "$work/err.txt" || { cat "$work/err.txt"; fail "the refusal does not name the rule"; }
echo "ok: a TOML scope that disagrees with the class stops sagelint ($(head -1 "$work/err.txt"))"
