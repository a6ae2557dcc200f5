#!/usr/bin/env bash
# The Dockerfile, where a container runtime works: `docker build` (base debian:bookworm-slim,
# Debian packages only), then the image lints the seed policies with the same output as this
# build's binary. Skipped with a message when there is no docker client, no running daemon, or
# the base image cannot be pulled.
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
