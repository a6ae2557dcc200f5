#!/usr/bin/env python3
"""Prints the fenced code block that follows `<!-- recipe: NAME -->` in a Markdown file.

The recipes users copy from the docs are the ones the integration tests run: a test extracts
the block by name instead of keeping its own copy. Exits 1 when there is no such block.
Usage: recipe.py FILE.md NAME
"""
import re
import sys


def recipe(text: str, name: str) -> str | None:
    pattern = re.compile(
        r"^<!-- recipe: " + re.escape(name) + r" -->\n(`{3,})[^\n]*\n(.*?)^\1[ \t]*$",
        re.MULTILINE | re.DOTALL)
    m = pattern.search(text)
    return m.group(2) if m else None


def main() -> int:
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
