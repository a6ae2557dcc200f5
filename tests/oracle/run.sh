#!/usr/bin/env bash
# Differential test of src/eval against @cloud-copilot/iam-simulate (AGPL-3.0). The simulator is
# installed into a temporary directory for this run only: it is never committed, linked or shipped.
# Exit 77 (CTest SKIP) when node/npm or the network is unavailable.
#
# Usage: run.sh CHECKER SOURCE_DIR WORK_DIR
# Environment: ORACLE_PAIRS (default 5000), ORACLE_SEED (default 1),
#              IAM_SIMULATE_VERSION (default 0.1.173, the version the README reports on).
set -euo pipefail
checker=$1
src=$2
work=$3
pairs=${ORACLE_PAIRS:-5000}
seed=${ORACLE_SEED:-1}
version=${IAM_SIMULATE_VERSION:-0.1.173}

# npm (with node) is installed with apt when missing; the test skips when it cannot be had.
. "$src/tests/integration/lib.sh"
need_command npm
oracle=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-oracle.XXXXXX")
trap 'rm -rf "$oracle"' EXIT
if ! timeout 300 npm install --prefix "$oracle" --no-audit --no-fund --loglevel=error \
    "@cloud-copilot/iam-simulate@$version" >"$oracle/npm.log" 2>&1; then
  echo "SKIP: could not install @cloud-copilot/iam-simulate@$version (no network or registry?):"
  tail -5 "$oracle/npm.log"
  exit 77
fi
mkdir -p "$work"
node "$src/tests/oracle/generate.mjs" --oracle "$oracle" --seed "$seed" --count "$pairs" --out "$work/cases.jsonl"
"$checker" "$work/cases.jsonl"
