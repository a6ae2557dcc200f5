#!/usr/bin/env python3
"""`sagelint server` driven by a scripted LSP client (JSON-RPC over pipes, as an editor does).

  lsp_server.py SAGELINT SRC WORK

initialize, didOpen (JSON, CloudFormation YAML, Terraform: the reader follows the file name),
publishDiagnostics compared with the command line's findings for the same text, the folder's
.sagelint.toml applied, didChange, didSave, codeAction whose edit fixes the finding (as
`sagelint --fix` does), didClose, related information (a duplicate Sid's first statement),
principal findings published for the file they land in (a [[principal]] manifest), shutdown,
exit (exit code 0); malformed messages answered with JSON-RPC errors; random garbage does not
stop the server.
"""
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys

sagelint, src, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])


def timed_out(signum, frame):
    # A notification the server never sends (diagnostics for a file) would block the read forever.
    raise AssertionError("no answer from the server within 120 s (a publishDiagnostics that never came?)")


signal.signal(signal.SIGALRM, timed_out)
signal.alarm(120)
shutil.rmtree(work, ignore_errors=True)
(work / "strict").mkdir(parents=True)
(work / "relaxed").mkdir()
# The relaxed folder's configuration ignores missing-version; the strict one has none.
(work / "relaxed" / ".sagelint.toml").write_text('[lint]\nignore = ["missing-version"]\n')


class Client:
    def __init__(self):
        # The log goes to a file: a pipe nobody reads could fill and block the server.
        self.log = open(work / "server.log", "ab")
        self.p = subprocess.Popen([sagelint, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.log, cwd=work)
        self.next_id = 0
        self.pending = []  # notifications received while waiting for a response

    def raw(self, body: bytes, header: bytes | None = None):
        self.p.stdin.write(header if header is not None else b"Content-Length: %d\r\n\r\n" % len(body))
        self.p.stdin.write(body)
        self.p.stdin.flush()

    def send(self, msg):
        self.raw(json.dumps(msg).encode())

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            assert line, f"the server closed its output; log: {(work / 'server.log').read_text()[-2000:]}"
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        assert length is not None
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params=None):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.response(self.next_id)

    def response(self, id_):
        while True:
            m = self.read()
            if m.get("id") == id_ and "method" not in m:
                return m
            self.pending.append(m)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        for i, m in enumerate(self.pending):
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return self.pending.pop(i)["params"]["diagnostics"]
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]
            self.pending.append(m)


def cli_findings(path: pathlib.Path, text: str):
    """What `sagelint --format json` says about `text` saved as `path`, run in its folder."""
    path.write_text(text)
    r = subprocess.run([sagelint, "--format", "json", path.name], cwd=path.parent, capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    path.unlink()
    return [f for f in json.loads(r.stdout) if not f["suppressed"]]


def same(diags, findings, what):
    got = sorted((d["code"], d["range"]["start"]["line"], d["message"]) for d in diags)
    want = sorted((f["ruleId"], f["line"] - 1, f"{f['ruleName']}: {f['message']}") for f in findings)
    assert got == want, f"{what}:\n got  {got}\n want {want}"
    for d in diags:
        assert d["source"] == "sagelint" and d["severity"] in (1, 2, 3), d
        assert d["codeDescription"]["href"].endswith(".md") and "docs/rules/" in d["codeDescription"]["href"], d


def uri(path: pathlib.Path):
    return path.resolve().as_uri()


policy = '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}\n  ]\n}\n'
c = Client()

# Before initialize: an error, not a crash.
r = c.request("textDocument/codeAction", {"textDocument": {"uri": "file:///x.json"}})
assert r["error"]["code"] == -32002, r
init = c.request("initialize", {"processId": None, "rootUri": uri(work), "capabilities": {}})
caps = init["result"]["capabilities"]
assert caps["textDocumentSync"]["change"] == 1 and caps["textDocumentSync"]["openClose"], caps
assert caps["codeActionProvider"], caps
assert init["result"]["serverInfo"]["name"] == "sagelint", init
c.notify("initialized", {})

# didOpen in the strict folder: the diagnostics are the command line's findings.
strict = work / "strict" / "role-policy.json"
c.notify("textDocument/didOpen",
         {"textDocument": {"uri": uri(strict), "languageId": "json", "version": 1, "text": policy}})
diags = c.diagnostics(uri(strict))
want = cli_findings(work / "strict" / "cli.json", policy)
assert any(f["ruleName"] == "missing-version" for f in want) and len(want) >= 2, want
same(diags, want, "didOpen")
print(f"ok: didOpen: {len(diags)} diagnostics, as the command line reports them: "
      + ", ".join(sorted(d["code"] for d in diags)))

# The same text in the relaxed folder: its .sagelint.toml ignores missing-version.
relaxed = work / "relaxed" / "role-policy.json"
c.notify("textDocument/didOpen",
         {"textDocument": {"uri": uri(relaxed), "languageId": "json", "version": 1, "text": policy}})
rdiags = c.diagnostics(uri(relaxed))
assert not any("missing-version" in d["message"] for d in rdiags), rdiags
assert len(rdiags) == len(diags) - 1, (rdiags, diags)
print("ok: the document's folder's .sagelint.toml applies (missing-version ignored there)")

# codeAction on the missing-version finding: applying its edit gives what --fix gives.
mv = next(d for d in diags if "missing-version" in d["message"])
r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(strict)}, "range": mv["range"],
                                           "context": {"diagnostics": [mv]}})
actions = [a for a in r["result"] if "missing-version" in a["diagnostics"][0]["message"]]
assert actions and actions[0]["kind"] == "quickfix", r
edits = actions[0]["edit"]["changes"][uri(strict)]


def apply(text, edits):
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def off(p):  # ASCII text here: UTF-16 units are bytes
        return offsets[p["line"]] + p["character"]
    for e in sorted(edits, key=lambda e: off(e["range"]["start"]), reverse=True):
        text = text[:off(e["range"]["start"])] + e["newText"] + text[off(e["range"]["end"]):]
    return text


fixed = apply(policy, edits)
fixfile = work / "strict" / "fix-me.json"
fixfile.write_text(policy)
subprocess.run([sagelint, "--fix", "--select", "missing-version", fixfile.name], cwd=fixfile.parent,
               capture_output=True)
assert fixed == fixfile.read_text(), (fixed, fixfile.read_text())
fixfile.unlink()
print(f"ok: codeAction '{actions[0]['title']}': its edit gives the text sagelint --fix writes")

# didChange with the fixed text: missing-version gone, the rest as the command line says.
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(strict), "version": 2},
                                    "contentChanges": [{"text": fixed}]})
diags2 = c.diagnostics(uri(strict))
same(diags2, cli_findings(work / "strict" / "cli.json", fixed), "didChange")
assert len(diags2) == len(diags) - 1
print(f"ok: didChange: {len(diags2)} diagnostics")

# didSave with text; didClose clears.
c.notify("textDocument/didSave", {"textDocument": {"uri": uri(strict)}, "text": policy})
assert len(c.diagnostics(uri(strict))) == len(diags)
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(strict)}})
assert c.diagnostics(uri(strict)) == []
print("ok: didSave relints, didClose clears")

# Other input formats, picked by the file name as on the command line.
samples = {
    "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n"
                     "    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
                     "          - Effect: Allow\n            Action: iam:PassRole\n            Resource: '*'\n",
    "main.tf": 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n'
               '    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]\n  })\n}\n',
}
for name, text in samples.items():
    path = work / "strict" / name
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(path), "languageId": "x", "version": 1, "text": text}})
    d = c.diagnostics(uri(path))
    want = cli_findings(work / "strict" / ("cli-" + name), text)
    assert want, f"{name}: the command line finds nothing (test is void)"
    same(d, want, name)
    print(f"ok: {name}: {len(d)} diagnostics, as the command line")

# Related locations: a duplicate Sid's diagnostic points at the first statement with that Sid.
dup = ('{\n  "Version": "2012-10-17",\n  "Statement": [\n'
       '    {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},\n'
       '    {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}\n  ]\n}\n')
dup_path = work / "strict" / "dup.json"
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(dup_path), "languageId": "json", "version": 1, "text": dup}})
d = [x for x in c.diagnostics(uri(dup_path)) if x["code"] == "SL012"]
first_line = dup.split("\n")[3]
want_range = {"start": {"line": 3, "character": first_line.index('"A"')},
              "end": {"line": 3, "character": first_line.index('"A"') + 3}}
assert len(d) == 1 and d[0]["range"]["start"]["line"] == 4, d
rel = d[0].get("relatedInformation")
assert rel == [{"location": {"uri": uri(dup_path), "range": want_range},
                "message": "the first statement with Sid 'A'"}], rel
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(dup_path)}})
assert c.diagnostics(uri(dup_path)) == []
print("ok: relatedInformation of a duplicate Sid points at the first statement with that Sid")

# A principal finding in another file: the folder's [[principal]] manifest gives user Developer
# the open document as inline policy; the PassRole finding lands on the manifest, so it is
# published for the manifest's URI, with the granting statement of the document as related
# information. Editing the grant away clears it there.
(work / "manifest").mkdir()
manifest = work / "manifest" / ".sagelint.toml"
manifest.write_text('[[principal]]\nkind = "user"\nname = "Developer"\ninline = ["dev.json"]\n')
dev = work / "manifest" / "dev.json"
grant = ('{\n  "Version": "2012-10-17",\n  "Statement": [\n'
         '    {"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}\n  ]\n}\n')
dev.write_text(grant)
# From the server's directory, so that messages name the files as the server's do.
r = subprocess.run([sagelint, "--format", "json", "--config", "manifest/.sagelint.toml", "manifest/dev.json"],
                   cwd=work, capture_output=True, text=True)
assert r.returncode == 1, r.stderr
want = [f for f in json.loads(r.stdout) if f["file"] == "manifest/.sagelint.toml"]
assert want and all(f.get("related") for f in want), f"the command line puts no related finding on the manifest: {want}"
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(dev), "languageId": "json", "version": 1, "text": grant}})
own = c.diagnostics(uri(dev))
same(own, [f for f in json.loads(r.stdout) if f["file"] == "manifest/dev.json"], "the manifest's policy")
there = c.diagnostics(uri(manifest))
same(there, want, "findings on the manifest")
statement = grant.split("\n")[3]
for diag, f in zip(sorted(there, key=lambda x: x["code"]), sorted(want, key=lambda x: x["ruleId"])):
    got = [(x["location"]["uri"], x["location"]["range"]["start"], x["message"]) for x in diag["relatedInformation"]]
    assert got == [(uri(dev), {"line": 3, "character": statement.index("{")}, x["message"]) for x in f["related"]], got
print(f"ok: {len(there)} principal finding(s) published for {manifest.name}, related to the granting statement")
# With the manifest open too, its diagnostics are its own (none: not a policy) and those above.
c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(manifest), "languageId": "toml", "version": 1,
                                                   "text": manifest.read_text()}})
assert sorted(x["code"] for x in c.diagnostics(uri(manifest))) == sorted(x["code"] for x in there)
c.notify("textDocument/didSave", {"textDocument": {"uri": uri(dev)}})
c.diagnostics(uri(dev))
assert sorted(x["code"] for x in c.diagnostics(uri(manifest))) == sorted(x["code"] for x in there)
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(manifest)}})
assert sorted(x["code"] for x in c.diagnostics(uri(manifest))) == sorted(x["code"] for x in there)
print("ok: opening and closing the manifest keeps the findings dev.json puts there")
c.notify("textDocument/didChange", {"textDocument": {"uri": uri(dev), "version": 2},
                                    "contentChanges": [{"text": grant.replace("iam:PassRole", "s3:GetObject")}]})
assert not [x for x in c.diagnostics(uri(dev)) if x["code"] == "SL501"]
assert c.diagnostics(uri(manifest)) == [], "the manifest's diagnostics were not cleared"
c.notify("textDocument/didClose", {"textDocument": {"uri": uri(dev)}})
c.diagnostics(uri(dev))
print("ok: when the grant is edited away, the manifest's diagnostics are cleared")

# Malformed messages: JSON-RPC errors, the server goes on.
c.raw(b"{not json")
assert c.read()["error"]["code"] == -32700
c.raw(b"[1, 2]")
assert c.read()["error"]["code"] == -32600
c.raw(b'{"jsonrpc": "2.0", "id": 7, "method": 12}')
assert c.read()["error"]["code"] == -32600
r = c.request("no/such/method", {})
assert r["error"]["code"] == -32601, r
r = c.request("textDocument/codeAction", {"range": 3})
assert r["error"]["code"] == -32602, r
c.raw(b"", header=b"Content-Type: x\r\n\r\n")   # no Content-Length
assert c.read()["error"]["code"] == -32600
c.notify("textDocument/didOpen", {"textDocument": {"uri": 5}})   # ignored, logged
c.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere.json"}, "contentChanges": []})
rng = random.Random(14)
for i in range(300):
    body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
    if i % 3 == 0:
        body = json.dumps({"jsonrpc": "2.0", "method": rng.choice(["textDocument/didOpen", "textDocument/didChange",
                                                                   "textDocument/codeAction", "textDocument/didSave"]),
                           "params": rng.choice([None, 1, "x", [], {"textDocument": rng.choice([1, {}, {"uri": 2}])}])}
                          ).encode()
    c.raw(body)
# The server is alive and answers in order after all that.
r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(relaxed)},
                                           "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}})
assert "result" in r, r
print("ok: malformed messages get JSON-RPC errors (-32700, -32600, -32601, -32602); 300 random ones do not stop it")

r = c.request("shutdown")
assert r["result"] is None, r
r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri(relaxed)}})
assert r["error"]["code"] == -32600, r
c.notify("exit")
assert c.p.wait(timeout=30) == 0, "exit after shutdown must end with status 0"
print("ok: shutdown, then exit: status 0")

# Exit without shutdown: status 1 (LSP); end of input: the server ends.
c2 = Client()
c2.notify("exit")
assert c2.p.wait(timeout=30) == 1
c3 = Client()
c3.p.stdin.close()
assert c3.p.wait(timeout=30) == 1
print("ok: exit without shutdown and end of input end the server with status 1")
