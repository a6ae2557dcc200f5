#!/usr/bin/env python3
"""Prints the fenced code block that follows `<!-- recipe: NAME -->` in a Markdown file.

The recipes users copy from the docs are the ones the integration tests run: a test extracts
the block by name instead of keeping its own copy. Exits 1 when there is no such block.
Usage: recipe.py FILE.md NAME             print the block
       recipe.py --replace FILE.md NAME   replace the block with standard input (blessing a
                                          sample that only a slow test can produce)
"""
import re
import sys


def recipe(text: str, name: str) -> str | None:
    pattern = re.compile(
        r"^<!-- recipe: " + re.escape(name) + r" -->\n(`{3,})[^\n]*\n(.*?)^\1[ \t]*$",
        re.MULTILINE | re.DOTALL)
    m = pattern.search(text)
    return m.group(2) if m else None


def replace(path: str, name: str, content: str) -> int:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if recipe(text, name) is None:
        print(f"{path}: no block after <!-- recipe: {name} -->", file=sys.stderr)
        return 1
    pattern = re.compile(r"(^<!-- recipe: " + re.escape(name) + r" -->\n(`{3,})[^\n]*\n)(.*?)(^\2[ \t]*$)",
                         re.MULTILINE | re.DOTALL)
    text = pattern.sub(lambda m: m.group(1) + content + m.group(4), text, count=1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"updated the {name} block of {path}", file=sys.stderr)
    return 0


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--replace":
        return replace(sys.argv[2], sys.argv[3], sys.stdin.read())
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        block = recipe(f.read(), sys.argv[2])
    if block is None:
        print(f"{sys.argv[1]}: no block after <!-- recipe: {sys.argv[2]} -->", file=sys.stderr)
        return 1
    sys.stdout.write(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
