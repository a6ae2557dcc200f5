#!/usr/bin/env bash
# GitHub Actions integration, offline:
# 1. @action-validator/cli (npm) accepts action.yml, .github/workflows/ci.yml and the workflow
#    recipe of docs/integrations.md, and rejects a broken copy (so it really checks).
# 2. Every third-party action is pinned by a 40-hex commit.
# 3. The action's steps (scripts/action.sh key and run) behave on real policies: SARIF file,
#    annotations in the log, exit code as an output.
#   github.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
mkdir -p "$work"
validator=$(npm_tool "$work/npm" @action-validator/cli action-validator)

recipe_dir="$work/recipe/.github/workflows"
mkdir -p "$recipe_dir"
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" github-workflow >"$recipe_dir/sagelint.yml"
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" github-matcher-workflow >"$recipe_dir/matcher.yml"

files=("$src/action.yml" "$src/.github/workflows/ci.yml" "$recipe_dir/sagelint.yml" "$recipe_dir/matcher.yml")
for f in "${files[@]}"; do
  "$validator" "$f" || fail "action-validator rejects $f"
  echo "ok: action-validator accepts ${f#"$work/"}"
done

# A composite step without `shell` is invalid: the validator must say so.
mkdir -p "$work/broken"
sed '/^      shell: bash$/d' "$src/action.yml" >"$work/broken/action.yml"
if "$validator" "$work/broken/action.yml" >/dev/null 2>&1; then
  fail "action-validator accepted an action whose steps have no shell"
fi
echo "ok: action-validator rejects a composite step without shell"

# Pins: owner/repo[/path]@<40 hex> for everything but local actions and sagelint itself.
unpinned=$(grep -hoE 'uses:[[:space:]]*[^[:space:]#]+' "${files[@]}" | sed -E 's/uses:[[:space:]]*//' |
           grep -vE '^(\./|docker://|sagelint/sagelint@)' | grep -vE '@[0-9a-f]{40}$' || true)
[ -z "$unpinned" ] || fail "actions not pinned by commit: $unpinned"
echo "ok: third-party actions are pinned by commit"

# The `format` input names every format sagelint has (its own list, from the refusal of a bad one).
formats=$({ "$sagelint" --format no-such-format x 2>&1 || true; } | sed -n 's/.*(expected \(.*\))$/\1/p' | sed 's/,\| or / /g')
[ "$(echo $formats | wc -w)" -ge 7 ] || fail "could not read sagelint's formats: '$formats'"
described=$(sed -n '/^  format:/,/^  [a-z-]*:$/p' "$src/action.yml" | grep 'description:')
documented=$(grep '^| `format` |' "$src/docs/integrations.md")
for f in $formats; do
  grep -qw "$f" <<<"$described" || fail "action.yml's format input does not name $f: $described"
  grep -q "\`$f\`" <<<"$documented" || fail "docs/integrations.md's format input does not name $f"
done
echo "ok: the format input names every format:" $formats

# The action's own steps, run as the composite action runs them (deps: every package is
# installed here already, or apt installs it).
"$src/scripts/action.sh" deps || fail "action.sh deps"
out="$work/github-output"
: >"$out"
GITHUB_OUTPUT="$out" "$src/scripts/action.sh" key
grep -Eq '^key=sagelint-[A-Za-z0-9.]+-[0-9.]+-[A-Za-z0-9_]+-[0-9a-f]{16}$' "$out" || { cat "$out"; fail "action.sh key"; }

: >"$out"
# The action lints once (--also writes the SARIF files of the same run): count the runs.
counter="$work/sagelint-runs"
printf '#!/bin/sh\necho run >>"%s"\nexec "%s" "$@"\n' "$counter" "$sagelint" >"$work/counting-sagelint"
chmod +x "$work/counting-sagelint"
runs() { local n; n=$(wc -l <"$counter" 2>/dev/null || echo 0); rm -f "$counter"; echo "$n"; }
rm -f "$counter"
sarif="$work/sagelint.sarif"
rm -f "$sarif"
(cd "$src" && GITHUB_OUTPUT="$out" SAGELINT="$work/counting-sagelint" INPUT_PATHS="fixtures/seeds/000-cluster-admin-eks.json fixtures/seeds/000-assume-sagemaker.json" \
   INPUT_FORMAT=github INPUT_SARIF_FILE="$sarif" INPUT_ARGS="--no-config" scripts/action.sh run) >"$work/log.txt"
cat "$work/log.txt"
grep -q '^exit-code=1$' "$out" || { cat "$out"; fail "exit-code output is not 1"; }
grep -q "^sarif-file=$sarif$" "$out" || { cat "$out"; fail "sarif-file output"; }
grep -q '^::error file=fixtures/seeds/000-cluster-admin-eks.json,line=7,col=19,' "$work/log.txt" ||
  fail "no annotation for the unquoted placeholder"
python3 - "$sarif" <<'EOF' || fail "SARIF file"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
assert "fixtures/seeds/000-cluster-admin-eks.json" in uris, uris
EOF
[ "$(runs)" = 1 ] || fail "action.sh run did not lint exactly once"
echo "ok: action.sh run wrote SARIF, printed annotations and exit-code=1, linting once"

: >"$out"
(cd "$src" && GITHUB_OUTPUT="$out" SAGELINT="$sagelint" INPUT_PATHS="fixtures/seeds/000-assume-sagemaker.json" \
   INPUT_SARIF_FILE="" INPUT_ARGS="--no-config" scripts/action.sh run) >/dev/null
grep -q '^exit-code=0$' "$out" && ! grep -q '^sarif-file=' "$out" || { cat "$out"; fail "clean run"; }
echo "ok: action.sh run on a clean policy: exit-code=0, no SARIF when sarif-file is empty"

# Code scanning does not honour SARIF suppressions: the uploaded file leaves suppressed results
# out, the artefact keeps them. A pull request from a fork (read-only token) skips the upload
# with a notice and still gets the annotations.
cat >"$work/suppress.toml" <<'TOML'
[[suppress]]
path = "fixtures/seeds/000-cluster-admin-eks.json"
TOML
for head in fork/sagelint-copy sagelint/sagelint; do
  : >"$out"
  rm -f "$work"/up*.sarif
  (cd "$src" && GITHUB_OUTPUT="$out" SAGELINT="$work/counting-sagelint" GITHUB_REPOSITORY=sagelint/sagelint PR_HEAD_REPOSITORY="$head" \
     INPUT_PATHS="fixtures/seeds/000-cluster-admin-eks.json fixtures/seeds/003-developer-policy.json" \
     INPUT_CONFIG="$work/suppress.toml" INPUT_SARIF_FILE="$work/up.sarif" INPUT_ARTIFACT=sagelint-sarif \
     scripts/action.sh run) >"$work/log.txt"
  grep -q "^full-sarif-file=$work/up-full.sarif$" "$out" || { cat "$out"; fail "full-sarif-file output"; }
  python3 - "$work/up.sarif" "$work/up-full.sarif" <<'EOF2' || fail "suppressed results in the uploaded SARIF"
import json, sys
up = json.load(open(sys.argv[1]))["runs"][0]["results"]
full = json.load(open(sys.argv[2]))["runs"][0]["results"]
uri = lambda r: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert up and all("suppressions" not in r for r in up), up
assert {uri(r) for r in up} == {"fixtures/seeds/003-developer-policy.json"}, {uri(r) for r in up}
sup = [r for r in full if r.get("suppressions")]
assert sup and {uri(r) for r in sup} == {"fixtures/seeds/000-cluster-admin-eks.json"}, sup
assert len(full) == len(up) + len(sup)
EOF2
  grep -q '^::warning file=fixtures/seeds/003-developer-policy.json,' "$work/log.txt" || fail "no annotation"
  [ "$(runs)" = 1 ] || fail "action.sh run did not lint exactly once (annotations, SARIF and artefact)"
  if [ "$head" = fork/sagelint-copy ]; then
    grep -q '^upload=false$' "$out" || { cat "$out"; fail "upload not skipped for a fork"; }
    grep -q '^::notice title=sagelint::pull request from the fork fork/sagelint-copy' "$work/log.txt" ||
      fail "no notice for the skipped upload"
  else
    grep -q '^upload=true$' "$out" || { cat "$out"; fail "upload skipped for a pull request of the repository"; }
    ! grep -q '::notice' "$work/log.txt" || fail "notice without a fork"
  fi
done
echo "ok: uploaded SARIF without suppressed results, complete SARIF as artefact; fork pull request: upload skipped with a notice"

# The upload runs only when action.sh says so, with upload-sarif v4 (v3 is retired in December 2026).
grep -qE 'uses: github/codeql-action/upload-sarif@[0-9a-f]{40} # v4\.' "$src/action.yml" || fail "upload-sarif is not v4"
grep -q "if: steps.lint.outputs.upload == 'true'" "$src/action.yml" || fail "the upload does not follow action.sh"
echo "ok: upload-sarif v4 pinned by commit, gated by the fork check"
