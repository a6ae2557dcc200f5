#!/usr/bin/env bash
# The junit report read by a real JUnit consumer: junitparser (Debian python3-junitparser), a
# library CI tools use to read and merge JUnit XML. Each linted file is a case, the failing
# ones carry one Failure whose text lists their findings, and the totals agree.
#   junit_consumer.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
# Debian's python3-junitparser is for Debian's python3, which may not be first on PATH.
py=
find_py() { for p in python3 /usr/bin/python3; do "$p" -c 'import junitparser' 2>/dev/null && { py=$p; return 0; }; done; return 1; }
if ! find_py; then
  echo "installing Debian package python3-junitparser" >&2
  apt_install python3-junitparser && find_py ||
    skip "python3-junitparser is not installed and could not be (apt-get install python3-junitparser needs root and apt)"
fi
rm -rf "$work"
mkdir -p "$work"
cd "$src"
files=(fixtures/seeds/000-cluster-admin-eks.json fixtures/seeds/000-assume-sagemaker.json fixtures/seeds/003-developer-policy.json)
"$sagelint" --no-config --format junit "${files[@]}" >"$work/junit.xml" 2>/dev/null || [ $? = 1 ] || fail "sagelint failed"
"$sagelint" --no-config --format json "${files[@]}" >"$work/findings.json" 2>/dev/null || [ $? = 1 ] || fail "sagelint failed"
"$py" - "$work/junit.xml" "$work/findings.json" <<'PY'
import json, sys
from junitparser import JUnitXml, Failure, TestSuite

xml = JUnitXml.fromfile(sys.argv[1])
findings = json.load(open(sys.argv[2]))
suites = list(xml) if not isinstance(xml, TestSuite) else [xml]
assert len(suites) == 1, f"{len(suites)} suites"
suite = suites[0]
cases = list(suite)
# Files are reported in sorted order, whatever the order on the command line.
assert [c.name for c in cases] == ["fixtures/seeds/000-assume-sagemaker.json", "fixtures/seeds/000-cluster-admin-eks.json",
                                   "fixtures/seeds/003-developer-policy.json"], [c.name for c in cases]
failing = {}
for c in cases:
    failures = [r for r in c.result if isinstance(r, Failure)]
    assert len(failures) <= 1, f"{c.name}: {len(failures)} failures"
    if failures:
        failing[c.name] = failures[0]
expected = {}
for f in findings:
    if f["severity"] in ("error", "warning") and not f["suppressed"]:
        expected.setdefault(f["file"], []).append(f)
assert set(failing) == set(expected), (set(failing), set(expected))
for name, failure in failing.items():
    lines = failure.text.splitlines()
    assert len(lines) == len(expected[name]), (name, len(lines), len(expected[name]))
    for line, f in zip(lines, expected[name]):
        assert line.startswith(f'{f["file"]}:{f["line"]}:{f["column"]}: {f["severity"]}: '), line
        assert line.endswith(f'[{f["ruleId"]} {f["ruleName"]}]'), line
    assert failure.message == f"{len(lines)} problem" + ("s" if len(lines) != 1 else ""), failure.message
assert suite.tests == len(cases) and suite.failures == len(failing), (suite.tests, suite.failures)
print(f"junitparser: {len(cases)} cases, {len(failing)} failing, {sum(map(len, expected.values()))} findings listed")
PY
