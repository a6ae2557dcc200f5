#!/usr/bin/env bash
# `sagelint --diff` is a patch the usual tools apply: `git apply --check` and `git apply` in a
# git work tree, `patch -p1` outside one (patch installed with apt when missing). The fixes
# are real ones (a misspelt action, a legacy condition key, a boolean condition value, a
# missing Version), far apart in one file so the diff must have one hunk per region, and the
# result must be what --fix writes.
#   diff.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command git
need_command patch
rm -rf "$work"
mkdir -p "$work/tree/sub dir"
# Statement 0 has the misspelt action; 40 statements later one has a boolean value: two
# regions about 180 lines apart.
python3 - "$work/tree" <<'PY'
import json, pathlib, sys
tree = pathlib.Path(sys.argv[1])
statements = [{"Sid": "Describe", "Effect": "Allow", "Action": ["sagemaker:DescribeCluterNode"], "Resource": "*"}]
for i in range(40):
    statements.append({"Sid": f"Read{i}", "Effect": "Allow", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::bucket-{i}/*"})
statements.append({"Sid": "Tls", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
                   "Condition": {"Bool": {"aws:SecureTransport": False}}})
text = json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2) + "\n"
(tree / "far.json").write_text(text)
# No Version, no newline at the end of the file.
(tree / "sub dir" / "no version.json").write_text(
    '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "sagemaker:DescribeDomain",\n'
    '      "Resource": "*"\n    }\n  ]\n}')
PY
cp -r "$work/tree" "$work/fixed"
git_commit_all "$work/tree"
cp -r "$work/tree" "$work/patched"
rm -rf "$work/patched/.git"

cd "$work/tree"
rc=0
"$sagelint" --no-config --diff . >"$work/fixes.diff" || rc=$?
[ "$rc" = 1 ] || { cat "$work/fixes.diff"; fail "--diff exited $rc, expected 1 (fixes to apply)"; }
cat "$work/fixes.diff"
grep -q '^--- a/far.json$' "$work/fixes.diff" && grep -q '^+++ b/far.json$' "$work/fixes.diff" || fail "no a/ b/ names"
grep -qP '^\+\+\+ b/sub dir/no version.json\t$' "$work/fixes.diff" || fail "a name with spaces does not end with a tab"
hunks=$(awk '/^--- a\/far.json$/{f=1;next} /^--- /{f=0} f && /^@@ /' "$work/fixes.diff" | wc -l)
[ "$hunks" = 2 ] || fail "far.json: $hunks hunks, expected one per fix region (2)"
changed=$(grep -c '^[-+][^-+]' "$work/fixes.diff" || true)
[ "$changed" -le 12 ] || fail "$changed changed lines for four one-line fixes"

git apply --check "$work/fixes.diff" || fail "git apply --check refuses the diff"
git apply "$work/fixes.diff"
echo "ok: git apply takes the diff ($hunks hunks for far.json, $changed changed lines)"
(cd "$work/patched" && patch -p1 --dry-run <"$work/fixes.diff" >/dev/null && patch -p1 -s <"$work/fixes.diff") ||
  fail "patch -p1 refuses the diff"
echo "ok: patch -p1 takes the diff"

(cd "$work/fixed" && "$sagelint" --no-config --quiet --fix . >/dev/null) || true
for d in tree patched; do
  diff -r -x .git "$work/fixed" "$work/$d" || fail "the patched tree ($d) differs from what --fix writes"
done
rc=0
"$sagelint" --no-config --diff . >"$work/again.diff" || rc=$?
[ "$rc" = 0 ] && [ ! -s "$work/again.diff" ] || { cat "$work/again.diff"; fail "--diff after applying it: exit $rc"; }
echo "ok: applying the diff gives what --fix writes, and nothing is left to fix"
