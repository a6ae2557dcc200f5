#!/usr/bin/env bash
# The Dockerfile, where a container runtime works: `docker build` (base debian:bookworm-slim,
# Debian packages only), then the image lints the seed policies with the same output as this
# build's binary. Skipped with a message when there is no docker client, no running daemon, or
# the base image cannot be pulled. Then the pre-commit hooks sagelint-docker-image (the
# documented config) and sagelint-docker (pre-commit builds the Dockerfile) on a bad policy.
#   docker.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
command -v docker >/dev/null || skip "no docker client: the Dockerfile is not built here"
docker info >/dev/null 2>&1 || skip "the docker daemon is not running (docker info fails): the Dockerfile is not built here"
docker pull -q debian:bookworm-slim >/dev/null 2>&1 ||
  skip "docker cannot pull debian:bookworm-slim here (no registry access): the Dockerfile is not built here"
rm -rf "$work"
mkdir -p "$work"
tag=sagelint-test:$$
trap 'docker rmi -f "$tag" >/dev/null 2>&1 || true' EXIT
docker build -t "$tag" "$src" >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; fail "docker build"; }
version=$("$sagelint" --version)
[ "$(docker run --rm "$tag" --version)" = "$version" ] || fail "the image's sagelint is not $version"
cd "$src"
"$sagelint" --no-config --color never fixtures/seeds >"$work/local.txt" 2>/dev/null || true
docker run --rm -v "$src:/src:ro" "$tag" --no-config --color never fixtures/seeds >"$work/image.txt" 2>/dev/null || true
diff -u "$work/local.txt" "$work/image.txt" || fail "the image's output differs from this build's"
[ -s "$work/local.txt" ] || fail "no findings on the seeds (test is void)"
echo "ok: the image ($version) lints the seeds as this build does ($(wc -l <"$work/local.txt") lines)"

# The pre-commit container hooks, as a user runs them: sagelint-docker-image with the documented
# config (its entry pointed at the image built above), and sagelint-docker, which pre-commit
# builds from the Dockerfile itself.
command -v pre-commit >/dev/null || { echo "skipped: no pre-commit, the container hooks are not run"; exit 0; }
hookrepo="$work/hook-repo" scratch="$work/scratch"
snapshot_repo "$src" "$hookrepo"
mkdir -p "$scratch/policies"
cp "$src/fixtures/seeds/000-cluster-admin-eks.json" "$scratch/policies/cluster-admin.json"
python3 "$src/tests/integration/recipe.py" "$src/docs/integrations.md" pre-commit-docker-config |
  sed -e "s|repo: https://github.com/sagelint/sagelint|repo: $hookrepo|" \
      -e "s|rev: .*|rev: $(git -C "$hookrepo" rev-parse HEAD)|" -e "s|entry: sagelint:local|entry: $tag|" \
  >"$scratch/.pre-commit-config.yaml"
git_commit_all "$scratch" >/dev/null
export PRE_COMMIT_HOME="$work/pre-commit-home" PRE_COMMIT_COLOR=never
finding='policies/cluster-admin.json:7:19: error: unquoted placeholder <execution-role-arn>'
for run in "run --all-files" "try-repo $hookrepo sagelint-docker --files policies/cluster-admin.json"; do
  rc=0
  (cd "$scratch" && pre-commit $run) >"$work/hook.txt" 2>&1 || rc=$?
  [ "$rc" = 1 ] && grep -qF "$finding" "$work/hook.txt" || { cat "$work/hook.txt"; fail "pre-commit $run: exit $rc, finding missing"; }
  echo "ok: pre-commit $run reports the finding"
done
