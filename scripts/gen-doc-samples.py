#!/usr/bin/env python3
"""Regenerates the sample outputs shown in the docs, or checks that they are current.

A sample is a fenced block right after a comment naming the command that produced it:

    <!-- sample: sagelint --no-config fixtures/seeds/000-s3-policy.json -->
    ```text
    ...output...
    ```

The command runs with bash in the repository root, with the build's sagelint first on PATH,
standard error joined to standard output, and `$ ` + the command is not shown. A command may end
in `| sarif-results` (the `results` of a SARIF log) or `| json-first N` (the first N findings of
the json format), to show an excerpt of a long output.

Usage: scripts/gen-doc-samples.py [--check] [--sagelint PATH] [FILE.md ...]
(default files: README.md, CONTRIBUTING.md and docs/*.md; default binary: build/src/cli/sagelint)
"""
import argparse
import difflib
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = re.compile(r"^<!-- sample: (?P<cmd>.+?) -->\n(?P<fence>`{3,})(?P<lang>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                    re.MULTILINE | re.DOTALL)


def run(cmd: str, sagelint: pathlib.Path) -> str:
    post = None
    m = re.fullmatch(r"(.*?)\s*\|\s*(sarif-results|json-first \d+)", cmd)
    if m:
        cmd, post = m.group(1), m.group(2)
    env = dict(os.environ, PATH=f"{sagelint.parent}:{os.environ.get('PATH', '')}", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    proc = subprocess.run(["bash", "-c", cmd + " 2>&1"], cwd=ROOT, env=env, capture_output=True, text=True)
    out = proc.stdout
    if post == "sarif-results":
        out = json.dumps(json.loads(out)["runs"][0]["results"], indent=2, ensure_ascii=False) + "\n"
    elif post:
        n = int(post.split()[1])
        out = json.dumps(json.loads(out)[:n], indent=2, ensure_ascii=False) + "\n"
    return out


def process(path: pathlib.Path, sagelint: pathlib.Path, check: bool) -> bool:
    text = path.read_text(encoding="utf-8")
    stale = False

    def replace(m: re.Match) -> str:
        nonlocal stale
        out = run(m.group("cmd"), sagelint)
        if out != m.group("body"):
            stale = True
            if check:
                diff = difflib.unified_diff(m.group("body").splitlines(True), out.splitlines(True),
                                            f"{path.relative_to(ROOT)} (shown)", "(actual output)")
                sys.stdout.write(f"sample is stale: {m.group('cmd')}\n" + "".join(diff))
        return f"<!-- sample: {m.group('cmd')} -->\n{m.group('fence')}{m.group('lang')}\n{out}{m.group('fence')}"

    new = SAMPLE.sub(replace, text)
    if not check and new != text:
        path.write_text(new, encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}")
    return not stale


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if a sample differs from the real output")
    ap.add_argument("--sagelint", type=pathlib.Path,
                    default=ROOT / os.environ.get("BUILD_DIR", "build") / "src/cli/sagelint")
    ap.add_argument("files", nargs="*", type=pathlib.Path)
    args = ap.parse_args()
    sagelint = args.sagelint.resolve()
    if not sagelint.is_file():
        print(f"no sagelint binary at {sagelint}: build first (cmake --build build)", file=sys.stderr)
        return 2
    files = [f.resolve() for f in args.files] or \
        [p for p in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))] if p.exists()]
    ok = all([process(f, sagelint, args.check) for f in files])
    if args.check and not ok:
        print("run scripts/gen-doc-samples.py (BUILD_DIR=<your build>) and read the new samples", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
