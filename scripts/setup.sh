#!/usr/bin/env bash
# Installs what sagelint needs on Debian (bookworm or later) and builds a Release binary,
# build/src/cli/sagelint. Safe to run again: it installs only what is missing and rebuilds
# incrementally.
#
#   scripts/setup.sh           build dependencies; builds the sagelint binary only
#   scripts/setup.sh --tests   also the tools the test suite drives (file, python3, npm, git,
#                              dpkg-dev, ...); builds every target (scripts/test.sh uses this)
#
# Packages are installed with apt-get as root, or through sudo; without either, it prints the
# command to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

tests=0
case "${1:-}" in
  --tests) tests=1 ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--tests]" >&2; exit 2 ;;
esac

# Build dependencies: Debian package names. dpkg-dev is one: cmake/hardening.cmake reads the
# hardening flags from its dpkg-buildflags when the build is configured, and a build configured
# without it is not hardened (integration:deb checks the packaged binary).
packages=(cmake ninja-build g++ pkg-config libsimdjson-dev libtomlplusplus-dev libspdlog-dev
          libyaml-dev doctest-dev dpkg-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Test tools: "command package". A command already on PATH is enough, whoever installed it
# (a Node.js from elsewhere serves as well as Debian's).
if ((tests)); then
  while read -r cmd package; do
    command -v "$cmd" >/dev/null || missing+=("$package")
  done <<'EOF'
file file
python3 python3
git git
npm npm
dpkg-shlibdeps dpkg-dev
objdump binutils
flock util-linux
EOF
  # HTTPS to the npm registry needs the CA bundle.
  [ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
fi

if ((${#missing[@]})); then
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "setup: missing Debian packages: ${missing[*]}" >&2
      echo "setup: not root and no sudo: as root, run" >&2
      echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
      echo "setup: then run this script again." >&2
      exit 1
    fi
  fi
  echo "setup: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build=${BUILD_DIR:-build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if ((tests)); then
  cmake --build "$build" -j "$(nproc)"
else
  cmake --build "$build" -j "$(nproc)" --target sagelint sagelint-man
fi
echo "setup: built $build/src/cli/sagelint (put it on PATH: sudo cmake --install $build, or" \
     "export PATH=\"$PWD/$build/src/cli:\$PATH\")" >&2
