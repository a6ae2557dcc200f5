#!/usr/bin/env bash
# The steps of the sagelint GitHub Action (action.yml), kept in a script so they can be run
# and tested outside GitHub. Inputs come from the environment, outputs go to $GITHUB_OUTPUT.
#   action.sh key     cache key (hash of the sources that make the binary) and install prefix
#   action.sh deps    installs the build and runtime libraries with apt-get (sudo when not root)
#   action.sh build   builds sagelint and installs it into the prefix (on a cache miss)
#   action.sh run     lints once: prints findings in the log and writes the SARIF files of
#                     the same run (--also), records the exit code
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${SAGELINT_PREFIX:-$HOME/.cache/sagelint-action}
output=${GITHUB_OUTPUT:-/dev/null}

# Debian/Ubuntu packages: the build tools and the -dev packages, which pull in the shared
# libraries the binary needs at run time (so this also runs when the binary comes from cache).
packages=(cmake ninja-build g++ pkg-config libsimdjson-dev libtomlplusplus-dev libspdlog-dev libyaml-dev)

case ${1:-} in
  key)
    # Everything the binary is built from; docs and tests do not change it.
    hash=$(cd "$src" && find CMakeLists.txt cmake src data rules -type f -print0 | LC_ALL=C sort -z |
           xargs -0 sha256sum | sha256sum | cut -c1-16)
    # The binary links the distribution's shared libraries: never reuse it on another release.
    os=$( (. /etc/os-release && echo "$ID-$VERSION_ID") 2>/dev/null || uname -s)
    echo "key=sagelint-$os-$(uname -m)-$hash" >>"$output"
    echo "prefix=$prefix" >>"$output"
    ;;
  deps)
    missing=()
    for p in "${packages[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
      sudo=()
      [ "$(id -u)" = 0 ] || sudo=(sudo -n)
      "${sudo[@]}" apt-get update -qq
      DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
    ;;
  build)
    build=$(mktemp -d)
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSAGELINT_TESTS=OFF \
      -DCMAKE_INSTALL_PREFIX="$prefix"
    cmake --build "$build" -j "$(nproc)"
    cmake --install "$build"
    rm -rf "$build"
    ;;
  run)
    sagelint=${SAGELINT:-$prefix/bin/sagelint}
    args=()
    [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
    [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
    [ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
    # Word splitting is wanted: paths and extra arguments are space-separated lists.
    # shellcheck disable=SC2206
    extra=(${INPUT_ARGS:-})
    # shellcheck disable=SC2206
    paths=(${INPUT_PATHS:-.})
    sarif=${INPUT_SARIF_FILE:-}
    # One run: the log format on standard output, the SARIF files from the same findings.
    outputs=()
    full=
    if [ -n "$sarif" ]; then
      # Code scanning does not honour SARIF suppressions (it opens them as alerts): the file it
      # gets leaves them out unless asked; the complete report is kept as an artefact.
      if [ "${INPUT_UPLOAD_SUPPRESSED:-false}" = true ]; then
        outputs+=(--also "sarif=$sarif")
      else
        outputs+=(--also "sarif,omit-suppressed=$sarif")
      fi
      if [ -n "${INPUT_ARTIFACT:-}" ]; then
        full="${sarif%.sarif}-full.sarif"
        outputs+=(--also "sarif=$full")
      fi
    fi
    rc=0
    "$sagelint" "${args[@]}" "${extra[@]}" --color never --format "${INPUT_FORMAT:-github}" "${outputs[@]}" \
      -- "${paths[@]}" || rc=$?
    echo "exit-code=$rc" >>"$output"
    if [ -n "$sarif" ]; then
      # Findings (1) still make a complete SARIF file; 2 (a usage, input or write error) means
      # it is missing or leaves out what could not be read: it is not uploaded.
      if [ "$rc" -ge 2 ]; then
        echo "sagelint: exit $rc: $sarif is not uploaded (see the errors above)" >&2
        exit 0
      fi
      echo "sarif-file=$sarif" >>"$output"
      [ -n "$full" ] && echo "full-sarif-file=$full" >>"$output"
      if [ "${INPUT_UPLOAD_SARIF:-true}" = true ]; then
        if [ -n "${PR_HEAD_REPOSITORY:-}" ] && [ "$PR_HEAD_REPOSITORY" != "${GITHUB_REPOSITORY:-}" ]; then
          # The token of a pull request from a fork is read-only: the upload would fail the job.
          echo "::notice title=sagelint::pull request from the fork $PR_HEAD_REPOSITORY: the SARIF report is not uploaded to code scanning (read-only token); the findings are in the annotations and the artefact"
          echo "upload=false" >>"$output"
        else
          echo "upload=true" >>"$output"
        fi
      fi
    fi
    ;;
  *)
    echo "usage: $0 key|deps|build|run" >&2
    exit 2
    ;;
esac
