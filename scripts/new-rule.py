#!/usr/bin/env python3
"""Scaffolds a new rule in the four places a rule lives (see CONTRIBUTING.md):

  rules/<name>.toml                          metadata (id, severity, texts, references)
  src/rules/<name_snake>.cpp                 the logic
  src/rules/table.def                        the rule's table line, kept sorted by name
  fixtures/rules/<name>/{valid,invalid}/     one placeholder fixture each

Everything still to write is marked TODO(new-rule): the test `integration:no-scaffold-leftovers`
fails while a marker or a placeholder fixture is left, and the placeholder invalid fixture
fails its fixture test until the rule reports something. Nothing half-done can pass.

Usage: scripts/new-rule.py NAME ID SEVERITY [--scope SCOPE] [--tag TAG ...] [--root DIR]
  NAME      kebab-case, naming the flagged pattern (unknown-action, passrole-missing-passed-to-service)
  ID        SL + three digits, in the block of its kind (see rules/ and docs/rules/README.md)
  SEVERITY  error, warning or note
  SCOPE     document (default: each policy alone, lint::Rule), principal (the principal model
            once, lint::PrincipalRule) or access (what one identity may do, lint::AccessRule);
            see docs/ARCHITECTURE.md. The TOML's scope and the class are written to agree.
"""
import argparse
import pathlib
import re
import sys

MARK = "TODO(new-rule)"
PLACEHOLDER = "TODO-new-rule.json"

TOML = '''id = "{id}"
name = "{name}"
severity = "{severity}"
{scope_line}summary = "{mark}: one line, what is flagged, no trailing period"
tags = [{tags}]
# {mark}: precision (very-high for grammar and catalog facts, high, medium or low for
# heuristics), and security_severity only for rules about access (PassRole, privilege
# escalation, guardrails, trust, wildcard grants): see CONTRIBUTING.md.
precision = "high"
# security_severity = "{security}"
explanation = """
{mark}: what the rule catches, why it matters (what IAM does with such a policy), and when it
deliberately stays silent. Facts checked in the AWS documentation, cited below.
"""
remediation = """
{mark}: how to fix it, with the corrected JSON where it helps.
"""
references = [
  "https://docs.aws.amazon.com/{mark}",
]
'''

CPP_HEAD = '''// {id}: {mark}: what the rule catches and why, in a line or two.
#include "rules/support/prelude.hpp"{extra_include}

namespace sagelint::rules {{
namespace {{

'''

CPP_TAIL = '''
}}  // namespace

std::unique_ptr<lint::Rule> make_{snake}() {{ return std::make_unique<{klass}>(); }}

}}  // namespace sagelint::rules
'''

CPP_BODY = {
    "document": '''class {klass} final : public lint::Rule {{
 public:
  void check(RuleContext& ctx) const override {{
    // {mark}: walk ctx.policy().statements (actions, resources, conditions; see
    // src/policy/policy.hpp) and report each problem at the offending token with
    // ctx.report(node, "what is wrong: what to do"). Rules are stateless and const.
    (void)ctx;
  }}
}};
''',
    "principal": '''class {klass} final : public lint::PrincipalRule {{
 public:
  void check_principals(lint::PrincipalContext& ctx) const override {{
    // {mark}: look at each role, user and group of the principal model (see
    // src/principal/model.hpp) and report at its definition or attachment with
    // ctx.report(p.definition, "what is wrong: what to do"). Rules are stateless and const.
    for (const auto& p : ctx.principals().principals()) (void)p;
  }}
}};
''',
    "access": '''class {klass} final : public lint::AccessRule {{
 public:
  void check_access(lint::AccessContext& ctx) const override {{
    // {mark}: ask what the subject (a role or user with all its policies, or a standalone
    // identity policy: see src/lint/access.hpp) may do, and report with ctx.report("what is
    // wrong: what to do"). Rules are stateless and const.
    (void)ctx;
  }}
}};
''',
}

VALID = '''{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Sid": "{mark}ReplaceWithARealPolicyThatMustNotBeFlagged",
      "Effect": "Allow",
      "Action": "sagemaker:DescribeDomain",
      "Resource": "*"
    }}
  ]
}}
'''

INVALID = '''{{
  "Version": "2012-10-17",
  "Statement": [
    {{
      "Sid": "{mark}ReplaceWithARealPolicyThatShowsTheProblem",
      "Effect": "Allow",
      "Action": "sagemaker:DescribeDomain",
      "Resource": "*"
    }}
  ]
}}
'''

SECURITY = {"error": "6.0", "warning": "4.0", "note": "2.0"}


def fail(message: str) -> None:
    print(f"new-rule: {message}", file=sys.stderr)
    sys.exit(2)


def insert_sorted(lines: list[str], pattern: re.Pattern, key: str, new_line: str) -> list[str]:
    """Inserts new_line among the consecutive lines matching `pattern` (group 1 = sort key)."""
    matches = [(i, pattern.match(l).group(1)) for i, l in enumerate(lines) if pattern.match(l)]
    if not matches:
        fail(f"cannot find where to insert {new_line.strip()!r} in table.def")
    keys = [k for _, k in matches]
    if keys != sorted(keys):
        fail("src/rules/table.def is not sorted; fix it first")
    at = next((i for i, k in matches if k > key), matches[-1][0] + 1)
    return lines[:at] + [new_line] + lines[at:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name")
    ap.add_argument("id")
    ap.add_argument("severity", choices=["error", "warning", "note"])
    ap.add_argument("--scope", choices=["document", "principal", "access"], default="document",
                    help="which phase runs the rule (default: document)")
    ap.add_argument("--tag", action="append", default=[], help="a tag (repeatable); default: none")
    ap.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent,
                    help="the repository (default: the one this script is in)")
    args = ap.parse_args()
    root = args.root.resolve()

    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+|[a-z][a-z0-9]+", args.name):
        fail(f"'{args.name}' is not a kebab-case name such as unknown-action")
    if not re.fullmatch(r"SL\d{3}", args.id):
        fail(f"'{args.id}' is not an id such as SL123 (SL + three digits)")
    snake = args.name.replace("-", "_")
    klass = "".join(part.capitalize() for part in args.name.split("-"))

    toml_path = root / "rules" / f"{args.name}.toml"
    cpp_path = root / "src" / "rules" / f"{snake}.cpp"
    table_path = root / "src" / "rules" / "table.def"
    fixtures = root / "fixtures" / "rules" / args.name
    for p in (toml_path, cpp_path, fixtures):
        if p.exists():
            fail(f"{p.relative_to(root)} already exists")
    for other in sorted((root / "rules").glob("*.toml")):
        if re.search(rf'^id\s*=\s*"{args.id}"', other.read_text(encoding="utf-8"), re.MULTILINE):
            fail(f"{args.id} is already the id of {other.relative_to(root)}")

    table = table_path.read_text(encoding="utf-8").splitlines(keepends=True)
    table = insert_sorted(table, re.compile(r'^SAGELINT_RULE\("([a-z0-9-]+)", \w+\)$'), args.name,
                          f'SAGELINT_RULE("{args.name}", {snake})\n')

    tags = ", ".join(f'"{t}"' for t in args.tag)
    scope_line = "" if args.scope == "document" else f'scope = "{args.scope}"\n'
    toml_path.write_text(TOML.format(id=args.id, name=args.name, severity=args.severity, tags=tags,
                                     security=SECURITY[args.severity], mark=MARK, scope_line=scope_line),
                         encoding="utf-8")
    extra_include = {"document": "", "principal": "\n#include \"principal/model.hpp\"",
                     "access": "\n#include \"lint/access.hpp\""}[args.scope]
    cpp = (CPP_HEAD.format(id=args.id, mark=MARK, extra_include=extra_include) +
           CPP_BODY[args.scope].format(klass=klass, mark=MARK) + CPP_TAIL.format(klass=klass, snake=snake))
    cpp_path.write_text(cpp, encoding="utf-8")
    table_path.write_text("".join(table), encoding="utf-8")
    for kind, text in (("valid", VALID), ("invalid", INVALID)):
        (fixtures / kind).mkdir(parents=True)
        (fixtures / kind / PLACEHOLDER).write_text(text.format(mark=re.sub(r"\W", "", MARK)),
                                                   encoding="utf-8")

    print(f"""created {args.id} {args.name} ({args.severity}, {args.scope} scope):
  {toml_path.relative_to(root)}
  {cpp_path.relative_to(root)}
  src/rules/table.def (one line, sorted)
  {fixtures.relative_to(root)}/valid/{PLACEHOLDER}
  {fixtures.relative_to(root)}/invalid/{PLACEHOLDER}

Next:
  1. Write the rule: every {MARK} in the .toml (texts, real https references to AWS docs you
     checked) and the .cpp (logic; the message says what is wrong and what to do).
  2. Replace the placeholder fixtures with real policies (AWS managed ones from
     ../shared/corpus/aws-managed/ or fixtures/seeds/; list copies in fixtures/SOURCES.md):
     valid/*.json must give no finding, invalid/*.json must show the problem. Principal and
     access rules need principals: use a CloudFormation template (.yaml) or an account
     authorization dump; a rule option gets <scenario>.options.toml beside its fixture.
  3. Build and bless:  cmake --build build && scripts/bless.sh {args.name}
     then READ every invalid/*.expected line: line, column and message are claims.
  4. Regenerate the docs: scripts/gen-docs.sh   (and scripts/gen-doc-samples.py if samples change)
  5. Run the checks:  ctest --test-dir build -R '{args.name}|unit|docs|scaffold'""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
