#!/usr/bin/env bash
# The Debian package: CPack builds it from this build tree; its metadata, contents and
# dependencies are checked, and the extracted binary runs.
#   deb.sh BUILD_DIR SRC WORK [chroot|lintian]
# With "chroot" the package is also installed with apt into a fresh minimal Debian made by
# debootstrap (the base system is cached in WORK), and used there: the clean-machine test.
# With "lintian" the package is checked by lintian instead.
set -euo pipefail
build=$1 src=$2 work=$3 mode=${4:-}
mkdir -p "$work"
. "$src/tests/integration/lib.sh"
need_command dpkg-deb dpkg
need_command dpkg-shlibdeps dpkg-dev
need_command objdump binutils
# CPack's DEB generator runs `file` on every installed file.
need_command file

version=$(sed -n 's/^project(sagelint VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "no version in CMakeLists.txt"
# cmake --install: binary, man page, data and docs under any prefix.
prefix="$work/prefix"
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
for f in bin/sagelint share/man/man1/sagelint.1.gz share/sagelint/iam-catalog.json share/sagelint/README.md \
         share/doc/sagelint/copyright share/doc/sagelint/rules/README.md; do
  [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
done
"$prefix/bin/sagelint" --data-dir "$prefix/share/sagelint" --version | grep -q "^sagelint $version$" ||
  fail "the installed binary does not run with --data-dir of the installed data"
echo "ok: cmake --install installs the binary, man page, data and docs"

rm -rf "$work/pkg"
mkdir -p "$work/pkg"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/sagelint_*.deb)
echo "built $(basename "$deb")"
[ "$(basename "$deb")" = "sagelint_${version}_$(dpkg --print-architecture).deb" ] || fail "unexpected file name $deb"

# lintian, Debian's package checker (installed at test time): no error or warning.
if [ "$mode" = lintian ]; then
  need_command lintian
  lintian --version
  rc=0
  lintian --fail-on error,warning --display-info "$deb" >"$work/lintian.txt" 2>&1 || rc=$?
  cat "$work/lintian.txt"
  [ "$rc" = 0 ] || fail "lintian finds errors or warnings in $(basename "$deb") (exit $rc)"
  echo "ok: lintian: no error or warning ($(grep -c '^I:' "$work/lintian.txt" || true) info tags)"
  exit 0
fi

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = sagelint ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version $(field Version), CMakeLists.txt says $version"
depends=$(field Depends)
echo "Depends: $depends"
# One package name a line (versions and alternatives dropped).
depend_names=$(sed -E 's/\([^)]*\)//g; s/[,|]/\n/g' <<<"$depends" | tr -d ' ' | grep .)

contents=$(dpkg-deb -c "$deb" | awk '{print $NF}')
for f in ./usr/bin/sagelint ./usr/share/man/man1/sagelint.1.gz ./usr/share/sagelint/iam-catalog.json \
         ./usr/share/sagelint/aws-managed-policies.json ./usr/share/doc/sagelint/copyright \
         ./usr/share/doc/sagelint/rules/README.md; do
  grep -qx -- "$f" <<<"$contents" || fail "$f is not in the package"
done

root="$work/root"
rm -rf "$root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/sagelint"

# Hardening (cmake/hardening.cmake, dpkg-buildflags' flags): what hardening-check (devscripts)
# reads from the ELF, read here with readelf.
need_command readelf binutils
readelf -hW "$bin" | grep -q 'Type:.*DYN' || fail "the packaged binary is not PIE"
readelf -lW "$bin" | grep -q 'GNU_RELRO' || fail "the packaged binary has no RELRO segment"
readelf -dW "$bin" | grep -qE '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' ||
  fail "the packaged binary is not linked with -z now (BIND_NOW)"
dynsyms=$(readelf --dyn-syms -W "$bin")
grep -q ' __stack_chk_fail' <<<"$dynsyms" || fail "the packaged binary has no stack protector (__stack_chk_fail)"
# The symbol names (column 8, without @GLIBC_...) of glibc's checked functions (__memcpy_chk, ...).
fortified=$(awk '{sub(/@.*/, "", $8); print $8}' <<<"$dynsyms" | grep -E '^__[a-z0-9_]+_chk$' | sort -u | tr '\n' ' ')
[ -n "$fortified" ] || fail "the packaged binary calls no fortified libc function (_FORTIFY_SOURCE)"
echo "ok: hardened: PIE, RELRO, BIND_NOW, stack protector, FORTIFY ($fortified)"
if command -v hardening-check >/dev/null; then
  hardening-check "$bin" || fail "hardening-check finds the packaged binary lacking"
fi

# The package that installed a library (dpkg knows /lib or /usr/lib, depending on usrmerge).
owner() {
  local p
  for p in "$1" "$(readlink -f "$1")" "/usr$1" "${1#/usr}"; do
    # awk reads to the end: a reader that quits early (head) can SIGPIPE the writer, which
    # pipefail turns into a failure.
    dpkg -S "$p" 2>/dev/null | awk -F: 'NR == 1 {print $1}' | grep . && return 0
  done
  fail "no package owns $1"
}

# Every shared library the binary needs comes from a package that Depends names.
for lib in $(objdump -p "$bin" | awk '/NEEDED/ {print $2}'); do
  # Not `exit` at the first match: ldconfig would get SIGPIPE, and under pipefail the failed
  # assignment ended the script with no message (a flaky failure right after "Depends:").
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
  [ -n "$path" ] || fail "$lib is not installed here"
  pkg=$(owner "$path")
  # Depends may name a virtual package the owner provides (libspdlog1.10-fmt9).
  names=("$pkg" $(dpkg-query -W -f='${Provides}' "$pkg" | sed -E 's/\([^)]*\)//g; s/,/ /g'))
  named=""
  for n in "${names[@]}"; do grep -qxF -- "$n" <<<"$depend_names" && named=$n; done
  [ -n "$named" ] || fail "$lib comes from $pkg, which Depends does not name"
  echo "ok: $lib from $pkg"
done

"$bin" --version | grep -q "^sagelint $version$" || fail "--version of the packaged binary"
rc=0
"$bin" --no-config --color never "$src/fixtures/seeds/000-s3-policy.json" >"$work/out.txt" || rc=$?
[ "$rc" = 1 ] && grep -q ':12:24: error: trailing comma' "$work/out.txt" || { cat "$work/out.txt"; fail "lint with the packaged binary"; }
if command -v man >/dev/null; then
  man -l "$root/usr/share/man/man1/sagelint.1.gz" 2>/dev/null | grep -q -- 'update-baseline' || fail "man page"
fi
echo "ok: the extracted package runs (sagelint $version) and its man page renders"

[ "$mode" = chroot ] || exit 0

# A clean Debian: debootstrap once into a cached base, copy it, install the package with apt.
[ "$(id -u)" = 0 ] || skip "the chroot test needs root"
need_command debootstrap
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
mirror=${SAGELINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base="$work/base-$suite"
if [ ! -f "$base/.complete" ]; then
  rm -rf "$base"
  debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; skip "debootstrap $suite from $mirror failed (no mirror?)"; }
  touch "$base/.complete"
fi
clean="$work/clean-$suite"
rm -rf "$clean"
cp -a "$base" "$clean"
cp /etc/resolv.conf "$clean/etc/resolv.conf"
cp "$deb" "$clean/tmp/"
cp "$src/fixtures/seeds/000-s3-policy.json" "$clean/tmp/policy.json"
in_chroot() { chroot "$clean" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
in_chroot apt-get -qq update >"$work/chroot-apt.log" 2>&1 || { cat "$work/chroot-apt.log"; fail "apt-get update in the chroot"; }
in_chroot apt-get install -y -qq "/tmp/$(basename "$deb")" >>"$work/chroot-apt.log" 2>&1 ||
  { tail -n 30 "$work/chroot-apt.log"; fail "apt-get install of the .deb in a clean $suite"; }
in_chroot sagelint --version | grep -q "^sagelint $version$" || fail "sagelint --version in the chroot"
rc=0
in_chroot sagelint --color never /tmp/policy.json >"$work/chroot-out.txt" || rc=$?
[ "$rc" = 1 ] && grep -q '/tmp/policy.json:12:24: error: trailing comma' "$work/chroot-out.txt" ||
  { cat "$work/chroot-out.txt"; fail "lint in the chroot"; }
rm -rf "$clean"
echo "ok: apt installs the .deb on a clean Debian $suite, and sagelint runs there"
