#!/usr/bin/env bash
# The reports for other CI systems, read as their consumers read them:
# - junit: parsed by Python's XML parser (expat, as strict as XML 1.0 is about characters):
#   one testsuite, one testcase per linted file, one failure per failing file listing its
#   findings, counts that add up, no control character emitted raw;
# - gitlab: every field GitLab's Code Quality documentation requires, with its type, severities
#   from its five, fingerprints unique in a report and unchanged when lines move;
# - rdjson: reviewdog's DiagnosticResult fields, UTF-8 byte columns, and a suggestion that,
#   applied by those columns, gives the fixed file.
#   ci_formats.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
rm -rf "$work"
mkdir -p "$work/tree"
cd "$work"

# A clean policy, one with findings of three severities, one whose values hold control
# characters and XML markup, and one with a typo that has a fix, after a two-byte character.
cat >tree/clean.json <<'EOF'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]}
EOF
cp "$src/fixtures/seeds/003-developer-policy.json" tree/developer.json
printf '{"Version": "2012-10-17", "Statement": [{"Sid": "A<&>\\u0001\\u001b[31m", "Effect": "Allow", "Action": "s3:Get\\u0007Object\\"<x>", "Resource": "*"}]}\n' >tree/hostile.json
printf '{"Version": "2012-10-17", "Statement": [\n{"Sid": "T\xc3\xbcr", "Effect": "Allow", "Action": "sagemaker:DescribeCluterNode", "Resource": "*"}]}\n' >tree/typo.json
# A file name with a control character and markup in it.
cp tree/hostile.json "tree/name<\"&'"$'\x01'".json"

set +e
"$sagelint" --no-config --format junit tree >junit.xml 2>junit.err
status=$?
"$sagelint" --no-config --format gitlab tree >gitlab.json 2>gitlab.err
"$sagelint" --no-config --format rdjson tree >rdjson.json 2>rdjson.err
"$sagelint" --no-config --format json tree >findings.json 2>/dev/null
set -e
[ "$status" = 1 ] || { cat junit.err; fail "junit run: exit $status, expected 1 (findings)"; }

python3 - "$work" <<'PY'
import json, pathlib, re, sys
import xml.etree.ElementTree as ET

work = pathlib.Path(sys.argv[1])
findings = json.loads((work / "findings.json").read_text())
errors = []

def check(cond, what):
    if not cond:
        errors.append(what)

# --- junit ---
raw = (work / "junit.xml").read_bytes()
check(not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw), "junit: a control character is emitted raw")
root = ET.fromstring(raw)  # raises on any XML 1.0 violation
check(root.tag == "testsuites", f"junit: root is <{root.tag}>")
suites = root.findall("testsuite")
check(len(suites) == 1, f"junit: {len(suites)} testsuites")
suite = suites[0]
cases = suite.findall("testcase")
files = sorted(p.name for p in (work / "tree").iterdir())
check(len(cases) == len(files), f"junit: {len(cases)} testcases for {len(files)} files")
failing = [c for c in cases if c.find("failure") is not None]
check(int(suite.get("tests")) == len(cases), "junit: tests= does not count the testcases")
check(int(suite.get("failures")) == len(failing), "junit: failures= does not count the failures")
check(root.get("tests") == suite.get("tests") and root.get("failures") == suite.get("failures"),
      "junit: testsuites counts differ from the testsuite's")
by_name = {c.get("name"): c for c in cases}
check("tree/clean.json" in by_name and by_name["tree/clean.json"].find("failure") is None,
      "junit: the clean file is missing or failing")
for c in cases:
    check(len(c.findall("failure")) <= 1, f"junit: {c.get('name')} has several failures")
    check(c.get("file") == c.get("name") and c.get("classname") == "sagelint", f"junit: attributes of {c.get('name')}")
# Every finding at or above the default --fail-on (warning) is a line of its file's failure.
for f in findings:
    if f["severity"] == "note":
        continue
    case = next((c for c in cases if c.get("name").startswith(f["file"][:5]) and
                 c.find("failure") is not None and f'[{f["ruleId"]} {f["ruleName"]}]' in c.find("failure").text and
                 f':{f["line"]}:{f["column"]}: ' in c.find("failure").text), None)
    check(case is not None, f"junit: finding {f['ruleId']} at {f['file']}:{f['line']} is in no failure")
dev = by_name.get("tree/developer.json")
n_dev = sum(1 for f in findings if f["file"] == "tree/developer.json" and f["severity"] != "note")
check(dev is not None and dev.find("failure").get("message") == f"{n_dev} problems",
      "junit: developer.json failure message does not count its findings")
check(len(dev.find("failure").text.splitlines()) == n_dev, "junit: one line per finding in the failure")
# Values and names are shown escaped, never raw: the control characters as \u escapes.
hostile_names = [n for n in by_name if n.startswith("tree/name")]
check(hostile_names == ["tree/name<\"&'\\u0001.json"], f"junit: hostile name shown as {hostile_names}")
text = "".join((c.find("failure").text or "") for c in failing)
check("\\u0007" in text or "\\u0001" in text, "junit: control characters in values are not shown escaped")

# --- gitlab (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format) ---
issues = json.loads((work / "gitlab.json").read_text())
check(isinstance(issues, list), "gitlab: not an array")
check(len(issues) == len(findings), f"gitlab: {len(issues)} issues for {len(findings)} findings")
for i in issues:
    for key, kind in (("description", str), ("check_name", str), ("fingerprint", str), ("severity", str),
                      ("location", dict)):
        check(isinstance(i.get(key), kind) and i.get(key) != "", f"gitlab: {key} missing or not a {kind.__name__}")
    check(i["severity"] in ("info", "minor", "major", "critical", "blocker"), f"gitlab: severity {i['severity']}")
    loc = i["location"]
    check(isinstance(loc.get("path"), str) and not loc["path"].startswith(("/", "./")), f"gitlab: path {loc.get('path')}")
    check(isinstance(loc.get("lines", {}).get("begin"), int) and loc["lines"]["begin"] >= 1, "gitlab: lines.begin")
fps = [i["fingerprint"] for i in issues]
check(len(set(fps)) == len(fps), "gitlab: fingerprints are not unique")
sev = {(f["ruleId"], f["severity"]) for f in findings}
check(any(i["severity"] == "minor" for i in issues) and any(i["severity"] in ("major", "critical") for i in issues),
      "gitlab: warnings and errors not both mapped")

# --- rdjson (https://github.com/reviewdog/reviewdog/tree/master/proto/rdf) ---
rd = json.loads((work / "rdjson.json").read_text())
check(rd["source"]["name"] == "sagelint", "rdjson: source.name")
diags = rd["diagnostics"]
check(len(diags) == len(findings), f"rdjson: {len(diags)} diagnostics for {len(findings)} findings")
for d in diags:
    check(isinstance(d["message"], str) and d["severity"] in ("ERROR", "WARNING", "INFO"), "rdjson: message/severity")
    check(re.fullmatch(r"SL\d{3}", d["code"]["value"]) is not None and d["code"]["url"].startswith("http"),
          "rdjson: code")
    r = d["location"]["range"]
    check(r["start"]["line"] >= 1 and r["start"]["column"] >= 1 and r["end"]["column"] >= 1, "rdjson: range")
typo = [d for d in diags if d["location"]["path"] == "tree/typo.json" and d["code"]["value"] == "SL101"]
check(len(typo) == 1, f"rdjson: {len(typo)} SL101 diagnostics in typo.json")
if typo:
    d = typo[0]
    lines = (work / "tree/typo.json").read_bytes().split(b"\n")
    start = d["location"]["range"]["start"]
    line = lines[start["line"] - 1]
    check(line[start["column"] - 1:].startswith(b'"sagemaker:DescribeCluterNode"'),
          f"rdjson: start column {start['column']} is not the byte column of the action")
    sugg = d.get("suggestions", [])
    check(len(sugg) == 1, "rdjson: the one-edit fix is not offered as a suggestion")
    if sugg:
        s = sugg[0]["range"]
        check(s["start"]["line"] == s["end"]["line"], "rdjson: suggestion spans lines")
        fixed = line[:s["start"]["column"] - 1] + sugg[0]["text"].encode() + line[s["end"]["column"] - 1:]
        check(b'"sagemaker:DescribeClusterNode"' in fixed, f"rdjson: the suggestion gives {fixed!r}")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"junit: {len(cases)} testcases, {len(failing)} failing; gitlab: {len(issues)} issues; rdjson: {len(diags)} diagnostics")
PY

# GitLab fingerprints do not move with the lines: blank lines above every finding change
# lines, not fingerprints.
mkdir -p shifted/tree
for f in tree/*; do { printf '\n\n\n'; cat "$f"; } >"shifted/$f"; done
(cd shifted && "$sagelint" --no-config --format gitlab tree >../gitlab-shifted.json 2>/dev/null) || true
python3 - gitlab.json gitlab-shifted.json <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa = sorted(i["fingerprint"] for i in a)
fb = sorted(i["fingerprint"] for i in b)
if fa != fb:
    sys.exit("gitlab: fingerprints changed when the lines moved")
if [i["location"]["lines"]["begin"] + 3 for i in a] != [i["location"]["lines"]["begin"] for i in b]:
    sys.exit("gitlab: lines did not move with the file")
print(f"gitlab: {len(fa)} fingerprints unchanged after a three-line shift")
PY
echo "ok: gitlab fingerprints"

# Several outputs in one run (--also FORMAT=FILE): each file is byte for byte what a run with
# --format FORMAT prints, the exit status is the run's, and the safety rules of -o hold.
set +e
"$sagelint" --no-config --format github --also sarif=also/a.sarif tree >/dev/null 2>&1
[ $? = 2 ] || fail "--also into a missing directory did not fail"
mkdir -p also
"$sagelint" --no-config --format github --also sarif=also/a.sarif --also "sarif,omit-suppressed=also/b.sarif" \
  --also junit=also/a.xml --also gitlab=also/a.json --also rdjson=also/rd.json --also text=also/a.txt \
  tree >also/stdout.txt 2>/dev/null
status=$?
set -e
[ "$status" = 1 ] || fail "--also run: exit $status, expected 1"
# Each format on its own (exit 1: findings), to compare with.
alone() { "$sagelint" --no-config --color never "$@" tree >alone.out 2>/dev/null || [ $? = 1 ]; }
alone --format github
cmp -s alone.out also/stdout.txt || fail "--also changed standard output"
for pair in sarif:a.sarif junit:a.xml gitlab:a.json rdjson:rd.json text:a.txt; do
  format=${pair%%:*} file=${pair#*:}
  alone --format "$format"
  cmp -s alone.out "also/$file" ||
    fail "--also $format=also/$file differs from --format $format"
done
alone --format sarif --omit-suppressed
cmp -s alone.out also/b.sarif ||
  fail "--also sarif,omit-suppressed differs from --format sarif --omit-suppressed"
ls -A also | grep -v -E '^(a\.sarif|b\.sarif|a\.xml|a\.json|rd\.json|a\.txt|stdout\.txt)$' &&
  fail "temporary files left in also/"
echo "ok: --also writes each format as --format does, in one run"

refused() {  # refused WHAT ARGS...: a usage error (2) with a message, nothing written
  local what=$1; shift
  set +e
  "$sagelint" --no-config "$@" >refused.out 2>refused.err
  local rc=$?
  set -e
  [ "$rc" = 2 ] && [ -s refused.err ] || fail "$what: exit $rc, expected 2 with a message"
  grep -q "^sagelint: error: " refused.err || { cat refused.err; fail "$what: no error message"; }
}
refused "same file twice" --also sarif=also/x --also json=./also/x tree
refused "same file as -o" -o also/y --also json=also/y tree
refused "standard output" --also sarif=- tree
refused "a file to lint" --also sarif=tree/clean.json tree/clean.json
refused "unknown format" --also yaml=also/z tree
refused "no file" --also sarif tree
refused "with --diff" --diff --also sarif=also/z tree
refused "modifier on text" --also text,omit-suppressed=also/z tree
cp tree/clean.json policy-copy.json
refused "a policy of the linted tree" --also sarif=tree/clean.json tree
[ ! -e also/x ] && [ ! -e also/y ] && [ ! -e also/z ] || fail "a refused run wrote a report"
cmp -s tree/clean.json policy-copy.json || fail "a refused run changed a linted file"
# An earlier report in the linted tree is replaced and not linted.
cp also/a.sarif tree/report.sarif
set +e
"$sagelint" --no-config --also sarif=tree/report.sarif tree >/dev/null 2>&1
set -e
cmp -s also/a.sarif tree/report.sarif || fail "the report in the tree was linted or not replaced"
rm tree/report.sarif
echo "ok: --also refuses ambiguous and unsafe files"
echo "ci formats: ok"
