#!/usr/bin/env bash
# The README's two commands on a fresh minimal Debian, as a new user's machine has it:
# `debootstrap --variant=minbase SUITE` plus git and ca-certificates, a clean clone of this
# repository's HEAD and a copy of ../shared beside it. Needs root, debootstrap and a Debian
# mirror; takes tens of minutes (it builds everything and runs the whole suite), so CI does
# not run it: run it before calling an install-related change done.
#
#   scripts/fresh-debian.sh SUITE WORK [TEST-ARGS...]    e.g. scripts/fresh-debian.sh trixie /tmp/fresh
#
# The base system is cached in WORK/base-SUITE; each run works in a fresh copy of it. Logs:
# WORK/SUITE-setup.log (command 1) and WORK/SUITE-test.log (command 2). Exit 0 when command 1
# ends with status 1 (the seeds have findings) and command 2 with 0.
set -euo pipefail
suite=${1:?usage: fresh-debian.sh SUITE WORK [TEST-ARGS...]}
work=${2:?usage: fresh-debian.sh SUITE WORK [TEST-ARGS...]}
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
mirror=${SAGELINT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "fresh-debian: needs root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh-debian: apt-get install debootstrap first" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd)

base="$work/base-$suite"
if [ ! -f "$base/.complete" ]; then
  rm -rf "$base"
  debootstrap --variant=minbase "$suite" "$base" "$mirror" >"$work/debootstrap-$suite.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap-$suite.log" >&2; exit 2; }
  touch "$base/.complete"
fi

root="$work/root-$suite"
cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
rm -rf "$root"
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"

in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
# Where this machine reaches registries through a TLS-inspecting proxy, its extra CA
# certificates are part of the network, not of the project: a new machine on the same network
# has them, so the chroot gets them too (npm checks certificates; apt over http does not).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  in_root update-ca-certificates >/dev/null 2>&1
fi

# A clean clone of HEAD (what CI checks out), with ../shared beside it when there is one.
mkdir -p "$root/work"
git clone -q --no-local "$src" "$root/work/sagelint"
[ -d "$src/../shared" ] && cp -a "$src/../shared" "$root/work/shared"

status=0
rc=0
in_root bash -c 'cd /work/sagelint && scripts/setup.sh && build/src/cli/sagelint fixtures/seeds' \
  >"$work/$suite-setup.log" 2>&1 || rc=$?
echo "fresh-debian $suite: command 1 exited $rc (1 expected: the seeds have findings)"
[ "$rc" = 1 ] || { tail -n 30 "$work/$suite-setup.log"; status=1; }
rc=0
in_root bash -c 'cd /work/sagelint && scripts/test.sh "$@"' test "$@" >"$work/$suite-test.log" 2>&1 || rc=$?
echo "fresh-debian $suite: command 2 exited $rc"
grep -E "tests passed|^skipped |\*\*\*Failed|Not Run" "$work/$suite-test.log" || true
[ "$rc" = 0 ] || status=1
exit $status
