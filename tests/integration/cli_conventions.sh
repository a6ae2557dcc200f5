#!/usr/bin/env bash
# The command line behaves like its neighbours':
# - colour: NO_COLOR (only a non-empty value disables, no-color.org), FORCE_COLOR,
#   CLICOLOR_FORCE, on a terminal (script(1) gives one) and through a pipe;
# - "did you mean" for misspelt options and commands, and `sagelint lint DIR`;
# - directory walks in a git work tree skip what git ignores (--no-gitignore lints it), and
#   .terraform/, .venv/, node_modules/ always;
# - --update-baseline writes nothing after an input error.
#   cli_conventions.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command git
rm -rf "$work"
mkdir -p "$work"
cd "$work"
cp "$src/fixtures/seeds/003-developer-policy.json" policy.json
esc=$'\e['
colour() {  # colour ENV... : prints yes/no for the text output through a pipe
  local out
  out=$(env -u NO_COLOR -u FORCE_COLOR -u CLICOLOR_FORCE "$@" "$sagelint" --no-config policy.json 2>/dev/null || true)
  [[ $out == *"$esc"* ]] && echo yes || echo no
}
check_colour() {
  local want=$1
  shift
  [ "$(colour "$@")" = "$want" ] || fail "colour with ${*:-no variable} through a pipe: expected $want"
}
check_colour no
check_colour yes FORCE_COLOR=1
check_colour yes NO_COLOR= FORCE_COLOR=1
check_colour no NO_COLOR=1 FORCE_COLOR=1
check_colour no FORCE_COLOR=
check_colour yes CLICOLOR_FORCE=1
check_colour no CLICOLOR_FORCE=0
never=$(env -u NO_COLOR FORCE_COLOR=1 "$sagelint" --no-config --color never policy.json 2>/dev/null || true)
[[ $never != *"$esc"* ]] || fail "--color never loses to FORCE_COLOR"
if command -v script >/dev/null; then
  tty_colour() {
    local out
    out=$(env -u FORCE_COLOR -u CLICOLOR_FORCE "$@" script -qec "'$sagelint' --no-config policy.json" /dev/null 2>/dev/null || true)
    [[ $out == *"$esc"* ]] && echo yes || echo no
  }
  [ "$(tty_colour NO_COLOR=)" = yes ] || fail "an empty NO_COLOR turned colour off on a terminal"
  [ "$(tty_colour NO_COLOR=1)" = no ] || fail "NO_COLOR=1 left colour on on a terminal"
  [ "$(tty_colour -u NO_COLOR)" = yes ] || fail "no colour on a terminal"
  echo "ok: colour on a terminal unless NO_COLOR is non-empty"
else
  echo "note: script(1) missing, the terminal cases are not run"
fi
echo "ok: NO_COLOR, FORCE_COLOR and CLICOLOR_FORCE through a pipe"

expect_usage() {  # expect_usage MESSAGE ARGS...
  local want=$1
  shift
  local rc=0
  "$sagelint" --no-config "$@" >/dev/null 2>err.txt || rc=$?
  [ "$rc" = 2 ] && grep -qF -- "$want" err.txt || { cat err.txt; fail "sagelint $*: expected exit 2 and: $want"; }
}
expect_usage "unknown option '--selct' (did you mean '--select'?)" --selct SL1 .
expect_usage "no file or directory 'list-rule' (did you mean the command 'list-rules'?)" list-rule
expect_usage "linting is the default command" lint .
expect_usage "unknown option '-x' in '-qx'" -qx .
rc=0
"$sagelint" --no-config -qj2 -fjson policy.json >out.json || rc=$?
[ "$rc" = 1 ] && python3 -c 'import json,sys; assert json.load(open("out.json"))' || fail "-qj2 -fjson"
echo "ok: did you mean, bundled short options"

# .gitignore inside a git work tree; always-skipped directories outside one too.
mkdir -p repo/policies repo/build repo/.terraform/modules repo/.venv/lib repo/node_modules/x plain/.terraform
for f in policies/a.json build/generated.json .terraform/modules/m.json .venv/lib/v.json node_modules/x/p.json \
         policies/local.json; do
  cp policy.json "repo/$f"
done
cp policy.json plain/.terraform/t.json
cp policy.json plain/kept.json
printf 'build/\n*.local.json\nlocal.json\n' >repo/.gitignore
git_commit_all repo
files() {  # the files with findings (every copy of the policy has some)
  local out
  out=$("$sagelint" --no-config --format json "$@" 2>/dev/null || true)
  python3 -c 'import json,sys; print(" ".join(sorted({f["file"] for f in json.loads(sys.argv[1])})))' "$out"
}
got=$(cd repo && files .)
[ "$got" = "policies/a.json" ] || fail "git work tree: linted '$got', expected only policies/a.json"
got=$(cd repo && files --no-gitignore .)
[ "$got" = "build/generated.json policies/a.json policies/local.json" ] ||
  fail "--no-gitignore: linted '$got'"
got=$(files plain)
[ "$got" = "plain/kept.json" ] || fail "outside git: linted '$got'"
got=$(cd repo && files policies/local.json)
[ "$got" = "policies/local.json" ] || fail "a file named on the command line is linted even if ignored: '$got'"
got=$(files repo/policies)
[ "$got" = "repo/policies/a.json" ] || fail "a subdirectory of a work tree: linted '$got'"
echo "ok: git's ignore rules in a work tree, --no-gitignore, .terraform/.venv/node_modules always skipped"

# An input error: the baseline keeps what it had.
printf '{"Version": "2012-10-17", "Statement": []}\n' >clean.json
"$sagelint" --no-config --baseline base.json --update-baseline policy.json 2>/dev/null || fail "first baseline"
cp base.json base.before
rc=0
"$sagelint" --no-config --baseline base.json --update-baseline policy.json missing.json 2>err.txt || rc=$?
[ "$rc" = 2 ] || { cat err.txt; fail "--update-baseline after an input error exited $rc, expected 2"; }
grep -q 'not written' err.txt || { cat err.txt; fail "no message that the baseline was not written"; }
cmp -s base.json base.before || fail "the baseline was rewritten after an input error"
echo "ok: --update-baseline leaves the baseline alone after an input error"
