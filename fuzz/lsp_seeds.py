#!/usr/bin/env python3
"""Seeds for fuzz_lsp: editor sessions as tests/integration/lsp_server.py sends them.

  lsp_seeds.py OUTDIR FILE...

For each FILE (a policy, template or Terraform file of fixtures/), one session: initialize,
initialized, didOpen with the file's text under its name, codeAction over the whole document,
didChange to the text with its first line dropped, didSave, didClose, shutdown, exit. Then the
scripted client's malformed messages (bad JSON, a batch, a method that is not a string, no
Content-Length, parameters of the wrong types), each as a session of its own.
"""
import json
import pathlib
import sys


def frame(msg) -> bytes:
    body = msg if isinstance(msg, bytes) else json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session(name: str, text: str) -> bytes:
    uri = "file:///work/" + name
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": text.count("\n") + 1, "character": 0}}
    msgs = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": "file:///work", "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
         "params": {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"text": text.split("\n", 1)[-1]}]}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}, "text": text}},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}},
        {"jsonrpc": "2.0", "id": 3, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    return b"".join(frame(m) for m in msgs)


MALFORMED = [
    frame(b"{not json"),
    frame(b"[1, 2]"),
    frame(b'{"jsonrpc": "2.0", "id": 7, "method": 12}'),
    frame({"jsonrpc": "2.0", "id": 8, "method": "no/such/method", "params": {}}),
    frame({"jsonrpc": "2.0", "id": 9, "method": "textDocument/codeAction", "params": {"range": 3}}),
    b"Content-Type: x\r\n\r\n",
    frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": 5}}}),
    frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
           "params": {"textDocument": {"uri": "file:///nowhere.json"}, "contentChanges": []}}),
]

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
init = frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
for i, m in enumerate(MALFORMED):
    (out / f"malformed-{i}.lsp").write_bytes(init + m + frame({"jsonrpc": "2.0", "method": "exit"}))
for f in sys.argv[2:]:
    p = pathlib.Path(f)
    try:
        text = p.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        continue
    if len(text) > 16384:
        continue
    (out / (str(p).replace("/", "_") + ".lsp")).write_bytes(session(p.name, text))
