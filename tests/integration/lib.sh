# Shared by the integration tests (sourced). Each test installs the real client it drives
# when it can (root with apt-get, or npm) and otherwise exits 77, which CTest reports as a skip.

skip() {
  echo "SKIP: $*" >&2
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Installs Debian packages when running as root with apt-get; returns 1 when it cannot.
# Tests run in parallel, so apt is serialised with a lock of our own as well as apt's.
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && command -v flock >/dev/null || return 1
  local apt=(apt-get -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600)
  (
    flock 8
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "$@" >/dev/null 2>&1 ||
      { apt-get -qq update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install "$@" >/dev/null 2>&1; }
  ) 8>/tmp/sagelint-tests-apt.lock
}

# Makes a command available, installing the Debian package that has it, or skips the test.
need_command() {
  local cmd=$1 package=${2:-$1}
  command -v "$cmd" >/dev/null && return 0
  echo "installing Debian package $package for $cmd" >&2
  apt_install "$package" && command -v "$cmd" >/dev/null && return 0
  skip "$cmd is not installed and could not be installed (apt-get install $package needs root and apt)"
}

# npm_tool DIR PACKAGE BIN: installs an npm package into DIR (kept between runs) and prints
# the path of its executable BIN, or skips the test when npm or the registry is unavailable.
npm_tool() {
  local dir=$1 package=$2 bin=$3
  if [ ! -x "$dir/node_modules/.bin/$bin" ]; then
    need_command npm
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package" >"$dir/npm.log" 2>&1 ||
      { cat "$dir/npm.log" >&2; skip "npm install $package failed (no registry?)"; }
  fi
  echo "$dir/node_modules/.bin/$bin"
}

# snapshot_repo SRC DEST: a fresh one-commit git repository with the files of the working tree
# SRC (tracked and untracked, minus ignored ones), so hooks are tested exactly as checked out
# even before the changes are committed (pre-commit try-repo would only see tracked files).
snapshot_repo() {
  local src=$1 dest=$2
  rm -rf "$dest"
  mkdir -p "$dest"
  if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard |
       while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
       xargs -0 cp --parents -P -t "$dest")
  else
    (cd "$src" && tar --exclude='./build*' -cf - .) | (cd "$dest" && tar -xf -)
  fi
  git_commit_all "$dest"
}

git_commit_all() {
  git -C "$1" init -q -b main 2>/dev/null || git -C "$1" init -q
  git -C "$1" add -A
  git -C "$1" -c user.name=sagelint-tests -c user.email=tests@sagelint.invalid -c commit.gpgsign=false \
    commit -q -m snapshot
}
