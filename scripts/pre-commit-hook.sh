#!/usr/bin/env bash
# The `sagelint` pre-commit hook (language: script). pre-commit has no C++ language, so this
# builds sagelint from the checkout it lives in on first use, installs it into a cache keyed
# by the source tree's git hash, and then runs it with the hook's arguments and file names.
#
# The cache is ${SAGELINT_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/sagelint}/<tree hash>/; a
# lock serialises concurrent first uses (several repositories, git worktrees, parallel CI
# jobs), so only one of them builds and the others wait for it.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_root=${SAGELINT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sagelint}

# pre-commit clones the hook repository: the git hashes of what the binary is built from
# (not docs or tests) name exactly these sources. Outside git (a tarball), fall back to the
# version line of the top CMakeLists.txt.
key=$(git -C "$src" rev-parse HEAD:CMakeLists.txt HEAD:cmake HEAD:src HEAD:data HEAD:rules 2>/dev/null |
      git hash-object --stdin 2>/dev/null) ||
  key=v$(sed -n 's/^project(sagelint VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
prefix="$cache_root/$key"
bin="$prefix/bin/sagelint"
# For tests and the curious: where the binary for these sources is (or will be) installed.
if [ -n "${SAGELINT_HOOK_PRINT_PREFIX:-}" ]; then
  echo "$prefix"
  exit 0
fi

build() {
  local missing=()
  for tool in cmake pkg-config; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  command -v c++ >/dev/null || command -v g++ >/dev/null || missing+=("a C++20 compiler (g++ >= 12)")
  if ((${#missing[@]})); then
    echo "sagelint hook: cannot build sagelint: missing ${missing[*]}." >&2
    echo "  Install the build dependencies (Debian/Ubuntu: $src/scripts/setup.sh does it), or install" >&2
    echo "  sagelint (the .deb of a release, or cmake --install) and use the sagelint-system hook." >&2
    exit 2
  fi
  local generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  local work
  work=$(mktemp -d "$cache_root/build.XXXXXX")
  local log="$work/build.log"
  echo "sagelint hook: first use: building sagelint into $prefix (a few minutes, once per version)" >&2
  # Only the binary and its man page: no tests, benchmarks or doc generator.
  if ! { cmake -S "$src" -B "$work/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DSAGELINT_TESTS=OFF \
           -DSAGELINT_BENCH=OFF -DCMAKE_INSTALL_PREFIX="$prefix" &&
         cmake --build "$work/build" -j "$(nproc 2>/dev/null || echo 2)" --target sagelint sagelint-man &&
         cmake --install "$work/build"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "sagelint hook: build failed; full log: $log" >&2
    echo "  (missing libraries? $src/scripts/setup.sh installs them on Debian/Ubuntu)" >&2
    rm -rf "$prefix"
    exit 2
  fi
  rm -rf "$work"
}

if [ ! -x "$bin" ]; then
  mkdir -p "$cache_root"
  lock="$cache_root/$key.lock"
  if command -v flock >/dev/null; then
    exec 9>"$lock"
    flock 9
    # Another hook process may have built it while this one waited.
    [ -x "$bin" ] || build
    flock -u 9
    exec 9>&-
  else
    # No flock (macOS): mkdir is atomic; wait for the holder, give up after 30 minutes.
    for _ in $(seq 1800); do mkdir "$lock.d" 2>/dev/null && break; sleep 1; done
    trap 'rmdir "$lock.d" 2>/dev/null || true' EXIT
    [ -x "$bin" ] || build
    rmdir "$lock.d"
    trap - EXIT
  fi
fi

exec "$bin" "$@"
