#!/usr/bin/env bash
# What GitHub code scanning reads from sagelint's SARIF, property by property (the schema
# itself is checked by validate.sh):
# - security-severity only on the rules about access, as their TOML says; precision per rule;
# - fullDescription at most 1,024 characters, the whole explanation still in help;
# - relative URIs that RFC 3986 parses back to the file's path (a root file "a:1:2.json" has
#   no scheme);
# - --omit-suppressed leaves suppressed results out; without it they carry `suppressions`;
# - relatedLocations where they belong: a duplicate Sid's at the first statement with that Sid,
#   a user's PassRole finding's at the statement that grants it (the one its message names).
#   properties.sh SAGELINT SRC WORK
set -euo pipefail
sagelint=$1 src=$2 work=$3
. "$src/tests/integration/lib.sh"
need_command python3
python3 -c "import tomllib" 2>/dev/null || skip "python3 is older than 3.11 (no tomllib to read rules/*.toml)"
rm -rf "$work"
mkdir -p "$work/tree/sub dir"
policy='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}'
for f in 'a:1:2.json' 'sub dir/b:c%d#e?.json' 'plain.json'; do printf '%s\n' "$policy" >"$work/tree/$f"; done
cat >"$work/tree/.sagelint.toml" <<'TOML'
[[suppress]]
path = "plain.json"
rules = ["SL501"]
TOML

cd "$work/tree"
set +e
"$sagelint" --format sarif -o "$work/all.sarif" .
"$sagelint" --format sarif --omit-suppressed -o "$work/omit.sarif" .
"$sagelint" --format json --omit-suppressed -o "$work/omit.json" .
set -e
python3 - "$src" "$work" <<'PY'
import json, pathlib, re, sys, tomllib, urllib.parse
src, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
sarif = json.load(open(work / "all.sarif"))
run = sarif["runs"][0]
problems = []
tomls = {}
for p in (src / "rules").glob("*.toml"):
    t = tomllib.loads(p.read_text())
    tomls[t["id"]] = t
rules = run["tool"]["driver"]["rules"]
assert len(rules) == len(tomls), (len(rules), len(tomls))
access_tags = {"passrole", "privilege-escalation", "guardrail", "guardrails", "security", "least-privilege"}
for r in rules:
    t = tomls[r["id"]]
    props = r["properties"]
    # security-severity exactly where the TOML sets it, and only on rules about access.
    if props.get("security-severity") != t.get("security_severity"):
        problems.append(f"{r['id']}: security-severity {props.get('security-severity')} != TOML {t.get('security_severity')}")
    if "security-severity" in props and not access_tags & set(t["tags"]):
        problems.append(f"{r['id']}: security-severity on a rule not about access (tags {t['tags']})")
    if "syntax" in t["tags"] and "security-severity" in props:
        problems.append(f"{r['id']}: a grammar rule is a security alert")
    if props.get("precision") != t["precision"] or t["precision"] not in ("very-high", "high", "medium", "low"):
        problems.append(f"{r['id']}: precision {props.get('precision')}")
    full = r["fullDescription"]["text"]
    if len(full.encode("utf-16-le")) // 2 > 1024:
        problems.append(f"{r['id']}: fullDescription has {len(full)} characters")
    if not full.strip() or t["explanation"].strip() not in r["help"]["text"]:
        problems.append(f"{r['id']}: help does not hold the whole explanation")
    if len(t["explanation"].strip()) <= 1024 and full != t["explanation"].strip():
        problems.append(f"{r['id']}: a short explanation was changed")
by_id = {r["id"]: r for r in rules}
# The issue's examples: a trailing comma is no security alert, passing any role is one.
for rid, want in (("SL001", None), ("SL101", None), ("SL503", "8.0"), ("SL501", "7.5")):
    if by_id[rid]["properties"].get("security-severity") != want:
        problems.append(f"{rid}: security-severity should be {want}")
if by_id["SL001"]["properties"]["precision"] != "very-high" or by_id["SL602"]["properties"]["precision"] == "very-high":
    problems.append("precision is not per rule")
if not any(len(t["explanation"].strip()) > 1024 for t in tomls.values()):
    problems.append("no rule has a long explanation any more: the cut is untested")

# URIs: relative references whose path decodes to the file, never a scheme.
uris = set()
for res in run["results"]:
    loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = loc["uri"]
    parts = urllib.parse.urlsplit(uri)
    if parts.scheme or parts.netloc or parts.query or parts.fragment:
        problems.append(f"uri {uri!r} parses as {parts}")
    if loc.get("uriBaseId") != "%SRCROOT%":
        problems.append(f"uri {uri!r} without uriBaseId")
    if not re.fullmatch(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*", uri):
        problems.append(f"uri {uri!r} has characters RFC 3986 does not allow")
    uris.add(urllib.parse.unquote(uri))
want = {"a:1:2.json", "sub dir/b:c%d#e?.json", "plain.json"}
if uris != want:
    problems.append(f"decoded URIs {sorted(uris)} != {sorted(want)}")

# Suppressions: kept by default (with the reason), left out with --omit-suppressed.
sup = [r for r in run["results"] if r.get("suppressions")]
if [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sup] != ["plain.json"]:
    problems.append(f"suppressed results: {sup}")
elif sup[0]["suppressions"][0]["kind"] != "external":
    problems.append("a configuration suppression is not external")
omit = json.load(open(work / "omit.sarif"))["runs"][0]["results"]
if any(r.get("suppressions") for r in omit) or len(omit) != len(run["results"]) - len(sup):
    problems.append("--omit-suppressed kept a suppressed result or lost another")
if any(f["suppressed"] for f in json.load(open(work / "omit.json"))):
    problems.append("--omit-suppressed kept a suppressed finding in json")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"ok: {len(rules)} rules, {sum('security-severity' in r['properties'] for r in rules)} with security-severity; "
      f"{len(run['results'])} results, URIs {sorted(uris)}, {len(sup)} suppressed left out by --omit-suppressed")
PY

# relatedLocations, on two fixtures (validate.sh checks them against the schema too).
cd "$src/.."
fixtures="$(basename "$src")/fixtures/rules"
sid="$fixtures/duplicate-sid/invalid/copied-statement-kept-sid.json"
grant="$fixtures/passrole-deny-missing/invalid/seed-003-authorization-details-without-restrict-pass-role.json"
out="$work/related.sarif"
rc=0
"$sagelint" --no-config --format sarif -o "$out" --select SL012,SL502 "$sid" "$grant" || rc=$?
[ $rc -le 1 ] || fail "sagelint exited $rc on $sid $grant"
python3 - "$out" "$sid" "$grant" <<'PY'
import json, re, sys
out, sid_file, grant_file = sys.argv[1:]
results = json.load(open(out))["runs"][0]["results"]
def lines(uri):
    return open(uri, encoding="utf-8").read().split("\n")
checked = []
for r in results:
    uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
    rel = r.get("relatedLocations", [])
    if r["ruleId"] == "SL012":
        sid = re.search(r"duplicate Sid '([^']+)'", r["message"]["text"]).group(1)
        first = next(i + 1 for i, l in enumerate(lines(uri)) if re.search(r'"Sid"\s*:\s*"' + re.escape(sid) + '"', l))
        assert first < line, (first, line)
        assert [x["physicalLocation"]["region"]["startLine"] for x in rel] == [first], (sid, first, rel)
        assert rel[0]["physicalLocation"]["artifactLocation"]["uri"] == uri, rel
    elif r["ruleId"] == "SL502" and "(" + grant_file + ":" in r["message"]["text"]:
        named = int(re.search(re.escape(grant_file) + r":(\d+)\)", r["message"]["text"]).group(1))
        assert [x["physicalLocation"]["region"]["startLine"] for x in rel] == [named], (named, rel)
        reg = rel[0]["physicalLocation"]["region"]
        text = lines(rel[0]["physicalLocation"]["artifactLocation"]["uri"])[reg["startLine"] - 1]
        assert text[reg["startColumn"] - 1] == "{", f"the related region does not start at a statement: {text!r}"
        assert "allows 'iam:PassRole'" in rel[0]["message"]["text"], rel
    else:
        continue
    checked.append(r["ruleId"])
assert sorted(checked) == ["SL012", "SL502"], f"results checked: {checked} (test is void)"
print("ok: relatedLocations point at the first statement with the Sid (SL012) and at the statement that grants (SL502)")
PY

