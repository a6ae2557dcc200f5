#!/usr/bin/env bash
# pre-commit integration: runs the real pre-commit on a scratch repository.
#   pre_commit.sh SAGELINT SRC WORK HOOK      HOOK: sagelint-system or sagelint
# 1. `pre-commit try-repo <this repo> HOOK --files <bad policy>` fails with the finding, and
#    passes on a clean policy.
# 2. (sagelint only) the .pre-commit-config.yaml recipe of docs/integrations.md, with a
#    baseline: passes once the baseline records the findings, fails on a new one.
# The `sagelint` hook builds sagelint on first use (minutes); the build is cached in WORK by
# source tree hash, so a rerun on the same sources is quick.
set -euo pipefail
sagelint=$1 src=$2 work=$3 hook=$4
. "$src/tests/integration/lib.sh"
need_command git
need_command pre-commit
python3 -c "import yaml" 2>/dev/null || skip "python3 has no yaml module (python3-yaml): the hooks file is not checked"

mkdir -p "$work"
pre-commit validate-manifest "$src/.pre-commit-hooks.yaml" || fail "pre-commit rejects .pre-commit-hooks.yaml"
# The container hooks: pre-commit's `docker` language builds the Dockerfile at the root of the
# hook's checkout and runs `entry` in it; `docker_image` runs the image `entry` names, which must
# be the tag the docs build. (Running them needs a docker engine: docker.sh does, where one runs.)
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" pre-commit-docker-config >"$work/docker-config.yaml"
pre-commit validate-config "$work/docker-config.yaml" || fail "pre-commit rejects the documented container hook config"
python3 - "$src" "$work/docker-config.yaml" <<'PY' || fail "the container hooks do not match the Dockerfile and the docs"
import pathlib, re, sys, yaml
src = pathlib.Path(sys.argv[1])
hooks = {h["id"]: h for h in yaml.safe_load((src / ".pre-commit-hooks.yaml").read_text())}
want = {"sagelint": "script", "sagelint-system": "system", "sagelint-docker": "docker",
        "sagelint-docker-image": "docker_image"}
got = {i: h["language"] for i, h in hooks.items()}
assert got == want, f"hooks and languages: {got}, want {want}"
dockerfile = (src / "Dockerfile").read_text()
assert re.search(r'^ENTRYPOINT \["sagelint"\]$', dockerfile, re.M), "the Dockerfile's ENTRYPOINT is not sagelint"
assert hooks["sagelint-docker"]["entry"] == "sagelint", hooks["sagelint-docker"]
docs = (src / "docs/integrations.md").read_text()
tag = hooks["sagelint-docker-image"]["entry"]
assert f"docker build -t {tag}" in docs, f"the docs do not build the image {tag} that sagelint-docker-image runs"
config = yaml.safe_load(open(sys.argv[2]))
for hook in config["repos"][0]["hooks"]:
    assert hook["id"] in hooks, f"the documented config uses hook {hook['id']}, which the manifest lacks"
    if "entry" in hook:
        assert hook["entry"] == tag, f"the documented entry {hook['entry']} is not {tag}"
for hook in hooks.values():
    assert hook["files"] == hooks["sagelint"]["files"], f"{hook['id']} lints other files than sagelint"
print(f"ok: {len(hooks)} hooks; sagelint-docker builds the Dockerfile, sagelint-docker-image runs {tag}")
PY
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" pre-commit-config >"$work/config.yaml"
pre-commit validate-config "$work/config.yaml" || fail "pre-commit rejects the documented .pre-commit-config.yaml"
hookrepo="$work/hook-repo"
snapshot_repo "$src" "$hookrepo"

scratch="$work/scratch"
rm -rf "$scratch"
mkdir -p "$scratch/policies"
cp "$src/fixtures/seeds/000-cluster-admin-eks.json" "$scratch/policies/cluster-admin.json"
cp "$src/fixtures/seeds/000-assume-sagemaker.json" "$scratch/policies/assume-sagemaker.json"
git_commit_all "$scratch"

export PRE_COMMIT_HOME="$work/pre-commit-home" SAGELINT_CACHE_DIR="$work/cache" PRE_COMMIT_COLOR=never
if [ "$hook" = sagelint-system ]; then
  export PATH="$(dirname "$sagelint"):$PATH"
fi

out="$work/out.txt"
expect() {  # expect RC DESCRIPTION COMMAND...: runs COMMAND in the scratch repo
  local want=$1 what=$2 rc=0
  shift 2
  (cd "$scratch" && "$@") >"$out" 2>&1 || rc=$?
  if [ "$rc" != "$want" ]; then
    cat "$out"
    fail "$what: exit $rc, expected $want"
  fi
  echo "ok: $what (exit $rc)"
}

expect 1 "try-repo $hook on a bad policy" pre-commit try-repo "$hookrepo" "$hook" --files policies/cluster-admin.json
finding='policies/cluster-admin.json:7:19: error: unquoted placeholder <execution-role-arn>'
grep -qF "$finding" "$out" || { cat "$out"; fail "the finding is not in pre-commit's output"; }
grep -q "^- hook id: $hook$" "$out" || { cat "$out"; fail "pre-commit did not report hook $hook"; }

expect 0 "try-repo $hook on a clean policy" pre-commit try-repo "$hookrepo" "$hook" --files policies/assume-sagemaker.json
grep -q "Passed" "$out" || { cat "$out"; fail "pre-commit did not say Passed"; }

# A YAML file that is not a CloudFormation template matches the hook's files filter: skipped.
cp "$src/.pre-commit-hooks.yaml" "$scratch/not-a-template.yaml"
git_commit_all "$scratch" >/dev/null
expect 0 "try-repo $hook on YAML that is not a template" \
  pre-commit try-repo "$hookrepo" "$hook" --files not-a-template.yaml

[ "$hook" = sagelint ] || exit 0

# The documented .pre-commit-config.yaml, pointed at the snapshot instead of GitHub.
rev=$(git -C "$hookrepo" rev-parse HEAD)
sed -e "s|repo: https://github.com/sagelint/sagelint|repo: $hookrepo|" -e "s|rev: .*|rev: $rev|" \
  "$work/config.yaml" >"$scratch/.pre-commit-config.yaml"
git_commit_all "$scratch" >/dev/null
built="$(SAGELINT_HOOK_PRINT_PREFIX=1 "$hookrepo/scripts/pre-commit-hook.sh")/bin/sagelint"
[ -x "$built" ] || fail "the hook did not install sagelint at $built"
# Record today's findings in the baseline the recipe names, with the binary the hook built.
(cd "$scratch" && "$built" --baseline .sagelint-baseline.json --update-baseline policies)
git_commit_all "$scratch" >/dev/null
expect 0 "documented config, findings in the baseline" pre-commit run --all-files
# A new problem (a trailing comma) in the clean policy: reported although the old one is not.
sed -i 's/"sts:AssumeRole"/"sts:AssumeRole",/' "$scratch/policies/assume-sagemaker.json"
git -C "$scratch" add -A
expect 1 "documented config, a new finding" pre-commit run --all-files
grep -Eq 'policies/assume-sagemaker.json:9:[0-9]+: error: trailing comma' "$out" || { cat "$out"; fail "new finding missing"; }
if grep -qF "$finding" "$out"; then cat "$out"; fail "the baselined finding was reported"; fi
cat "$out"
# The output shown in docs/integrations.md is this one (SAGELINT_BLESS=1 rewrites it there).
if ! python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" pre-commit-output | diff -u - "$out"; then
  if [ -n "${SAGELINT_BLESS:-}" ]; then
    python3 "$src/tests/integration/recipe.py" --replace "$src/docs/integrations.md" pre-commit-output <"$out"
  else
    fail "docs/integrations.md shows another pre-commit output: SAGELINT_BLESS=1 ctest -R pre-commit-script rewrites it"
  fi
fi
