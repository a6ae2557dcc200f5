#!/usr/bin/env python3
"""docs/sagelint.schema.json against real validators and against sagelint's own reader.

  config_schema.py SAGELINT SRC WORK [TAPLO]

- Every .sagelint.toml example of the docs (README.md, docs/*.md) and of the fixtures
  (fixtures/scenarios/*/.sagelint.toml, fixtures/fuzz/config/*.toml, fixtures/rules/**/*.options.toml)
  is valid; each [guardrail] question shown in docs/rules/ is valid against
  #/definitions/guardrailQuestion.
- Each negative case (a misspelt key, a wrong type, a value out of its set, a key its entry's
  kind cannot have) is rejected by the schema and by sagelint (exit 2): the two agree.
- Every rule option: its default is accepted by both, a value of another type rejected by both.
The validator is python3-jsonschema (Draft 7, as the schema declares); with TAPLO, the same files
also go through `taplo check --schema`, the engine of the Even Better TOML extension.
"""
import json
import pathlib
import re
import subprocess
import sys
import tomllib

import jsonschema

sagelint, src, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
taplo = sys.argv[4] if len(sys.argv) > 4 else None
schema_path = src / "docs" / "sagelint.schema.json"
schema = json.loads(schema_path.read_text())
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
question = jsonschema.Draft7Validator(schema["definitions"]["guardrailQuestion"])
work.mkdir(parents=True, exist_ok=True)
failures = []
counter = [0]


def toml_file(text):
    counter[0] += 1
    d = work / f"case{counter[0]}"
    d.mkdir(exist_ok=True)
    (d / ".sagelint.toml").write_text(text)
    (d / "policy.json").write_text('{"Version": "2012-10-17", "Statement": []}\n')
    return d


def taplo_rejected(paths):
    """The files of `paths` that taplo finds invalid (one run: taplo starts slowly), and its report."""
    r = subprocess.run([taplo, "check", "--no-auto-config", "--schema", schema_path.resolve().as_uri(),
                        *map(str, paths)], capture_output=True, text=True)
    bad = set(re.findall(r'invalid file error=.*? path="([^"]+)"', r.stderr))
    assert (r.returncode == 0) == (not bad), r.stderr[-3000:]
    return bad, r.stderr


def sagelint_accepts(d):
    r = subprocess.run([sagelint, "--color", "never", "--config", ".sagelint.toml", "policy.json"], cwd=d,
                       capture_output=True, text=True)
    return r.returncode < 2, r.stderr.strip()


def fenced_toml(md):
    return re.findall(r"^```toml\n(.*?)^```", md.read_text(), re.MULTILINE | re.DOTALL)


# 1. Examples.
examples = []
for md in [src / "README.md", *sorted((src / "docs").glob("*.md"))]:
    for i, block in enumerate(fenced_toml(md)):
        examples.append((f"{md.relative_to(src)} block {i + 1}", block))
for f in [*sorted(src.glob("fixtures/scenarios/*/.sagelint.toml")), *sorted(src.glob("fixtures/fuzz/config/*.toml")),
          *sorted(src.glob("fixtures/rules/**/*.options.toml"))]:
    examples.append((str(f.relative_to(src)), f.read_text()))
assert len(examples) >= 15, f"only {len(examples)} example configurations found"
files = {}
for name, text in examples:
    errors = [e.message for e in validator.iter_errors(tomllib.loads(text))]
    if errors:
        failures.append(f"{name}: rejected by the schema: {errors[:3]}")
    files[str(toml_file(text) / ".sagelint.toml")] = name
if taplo:
    bad, report = taplo_rejected(files)
    for path in sorted(bad):
        failures.append(f"{files.get(path, path)}: rejected by taplo")
    if bad:
        print(report[-4000:], file=sys.stderr)
questions = 0
for md in sorted((src / "docs" / "rules").glob("*.md")):
    for block in fenced_toml(md):
        doc = tomllib.loads(block)
        if "guardrail" not in doc:
            continue
        questions += 1
        errors = [e.message for e in question.iter_errors(doc["guardrail"])]
        if errors:
            failures.append(f"{md.relative_to(src)}: [guardrail] rejected: {errors[:3]}")
assert questions >= 4, f"only {questions} guardrail questions in docs/rules"

# 2. Negative cases: the schema and sagelint both say no.
GUARD = 'id = "SL900"\nname = "x-y"\nsummary = "s"\nactions = ["s3:GetObject"]\nexpect = "deny"\n'
negatives = {
    "misspelt table": '[lnt]\nselect = ["ALL"]\n',
    "misspelt key in [lint]": '[lint]\nselct = ["ALL"]\n',
    "fail-on of the wrong type": '[lint]\nfail-on = 1\n',
    "fail-on out of its set": '[lint]\nfail-on = "warn"\n',
    "select of the wrong type": '[lint]\nselect = 3\n',
    "include of the wrong type": '[files]\ninclude = [1]\n',
    "severity out of its set": '[severity]\nSL101 = "fatal"\n',
    "severity keyed by a malformed id": '[severity]\nSL12 = "error"\n',
    "[[suppress]] without path": '[[suppress]]\nrules = ["SL101"]\n',
    "[[suppress]] misspelt key": '[[suppress]]\npath = "a"\nrule = ["SL101"]\n',
    "suppress as a table": '[suppress]\npath = "a"\n',
    "[[kind]] kind out of its set": '[[kind]]\npath = "a"\nkind = "policy"\n',
    "[data] dir of the wrong type": '[data]\ndir = 1\n',
    "rule option of the wrong type": '[rules.passrole-missing-passed-to-service]\nreport-named-roles = "yes"\n',
    "misspelt rule option": '[rules.passrole-missing-passed-to-service]\nreport-named-role = false\n',
    "option list holding a number": '[rules.passrole-deny-missing]\napproved-roles = [1]\n',
    "rule options under the rule's id": '[rules.SL501]\nreport-named-roles = false\n',
    "[[principal]] without name": '[[principal]]\nkind = "role"\n',
    "[[principal]] kind out of its set": '[[principal]]\nkind = "service"\nname = "x"\n',
    "a role with groups": '[[principal]]\nkind = "role"\nname = "x"\ngroups = ["g"]\n',
    "a user with a trust policy": '[[principal]]\nkind = "user"\nname = "x"\ntrust = "t.json"\n',
    "a group with a boundary": '[[principal]]\nkind = "group"\nname = "x"\nboundary = "b.json"\n',
    "[[principal]] misspelt key": '[[principal]]\nkind = "role"\nname = "x"\nmanagd = ["a"]\n',
    "[[guardrail]] id outside SL900-SL999": "[[guardrail]]\n" + GUARD.replace("SL900", "SL100"),
    "[[guardrail]] name not kebab-case": "[[guardrail]]\n" + GUARD.replace("x-y", "X_Y"),
    "[[guardrail]] without expect": "[[guardrail]]\n" + GUARD.replace('expect = "deny"\n', ""),
    "[[guardrail]] expect out of its set": "[[guardrail]]\n" + GUARD.replace('"deny"', '"block"'),
    "[[guardrail]] action without a service": "[[guardrail]]\n" + GUARD.replace("s3:GetObject", "GetObject"),
    "[[guardrail]] context key without a service": "[[guardrail]]\n" + GUARD + 'context = { RootAccess = "Enabled" }\n',
    "[[guardrail]] context value a float": "[[guardrail]]\n" + GUARD + 'context = { "s3:x" = 1.5 }\n',
    "[[guardrail]] misspelt key": "[[guardrail]]\n" + GUARD + 'mesage = "m"\n',
    "guardrail principals misspelt key": "[[guardrail]]\n" + GUARD + '[guardrail.principals]\nname = ["*"]\n',
    "guardrail principals kind group": "[[guardrail]]\n" + GUARD + '[guardrail.principals]\nkinds = ["group"]\n',
}
files = {}
for name, text in negatives.items():
    d = toml_file(text)
    files[str(d / ".sagelint.toml")] = name
    if validator.is_valid(tomllib.loads(text)):
        failures.append(f"negative '{name}': accepted by the schema")
    ok, err = sagelint_accepts(d)
    if ok:
        failures.append(f"negative '{name}': accepted by sagelint, so the schema is stricter than the reader")
if taplo:
    bad, _ = taplo_rejected(files)
    for path, name in files.items():
        if path not in bad:
            failures.append(f"negative '{name}': accepted by taplo")
# The minimal guardrail the negatives start from is valid for both, so each negative fails for its own change.
d = toml_file("[[guardrail]]\n" + GUARD)
assert validator.is_valid(tomllib.loads("[[guardrail]]\n" + GUARD))
ok, err = sagelint_accepts(d)
assert ok, err

# 3. Every rule option: the default accepted by both, another type rejected by both.
options = 0
for rule, rs in schema["properties"]["rules"]["properties"].items():
    for option, os_ in rs["properties"].items():
        options += 1
        default = os_["default"]
        wrong = {"string": 1, "number": "x", "boolean": "x", "array": 1}[os_["type"]]
        for value, want in ((default, True), (wrong, False)):
            text = f"[rules.{rule}]\n{option} = {json.dumps(value)}\n"
            got_schema = validator.is_valid(tomllib.loads(text))
            got_sagelint, err = sagelint_accepts(toml_file(text))
            if got_schema != want or got_sagelint != want:
                failures.append(f"option {rule}.{option} = {value!r}: schema {got_schema}, sagelint {got_sagelint}, "
                                f"want {want} ({err})")
assert options >= 20, f"only {options} rule options in the schema"

for f in failures:
    print("FAIL:", f, file=sys.stderr)
print(f"{len(examples)} example configurations, {questions} guardrail questions, {len(negatives)} negative "
      f"cases and {options} rule options checked{' (with taplo)' if taplo else ''}: {len(failures)} failures",
      file=sys.stderr)
sys.exit(1 if failures else 0)
