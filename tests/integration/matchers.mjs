// Applies the problem matchers users are given to real sagelint output:
//   .github/sagelint-matcher.json (GitHub Actions), docs/editors/vscode-tasks.json (VS Code)
// and a $gcc-like regex (what "gcc-style" promises). Every finding line of the text format must
// be matched by exactly one GitHub matcher and by the VS Code one, with file, line, column,
// severity and rule id equal to what --format json says; suppressed lines must not match.
//   node matchers.mjs SAGELINT SRC WORK
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const [sagelint, src, work] = process.argv.slice(2);
mkdirSync(work, { recursive: true });
let failures = 0;
const fail = (msg) => { console.error(`FAIL: ${msg}`); failures++; };

// Inputs: every seed, the rule fixtures and a file with all three severities and a space in
// its name. Run from the source tree so the paths are relative, as in CI logs.
const inputs = ["fixtures/seeds", "fixtures/rules", "tests/integration/data"];
const run = (args) => {
  const r = spawnSync(sagelint, ["--no-config", "--color", "never", ...args, ...inputs], { cwd: src, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`sagelint exited ${r.status}: ${r.stderr}`);
  return r.stdout;
};
const text = run([]);
const all = JSON.parse(run(["--format", "json"]));
const findings = all.filter((f) => !f.suppressed);
const lines = text.split("\n").filter((l) => l !== "");
if (lines.length !== findings.length) fail(`text has ${lines.length} lines, json ${findings.length} findings`);

// JSON files of the matchers; VS Code allows comments in tasks.json, ours has none.
const gh = JSON.parse(readFileSync(path.join(src, ".github/sagelint-matcher.json"), "utf8")).problemMatcher;
const tasks = JSON.parse(readFileSync(path.join(src, "docs/editors/vscode-tasks.json"), "utf8")).tasks;
const vscode = tasks.map((t) => t.problemMatcher);
const gcc = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;  // VS Code's $gcc

function apply(pattern, line, defaultSeverity) {
  const m = new RegExp(pattern.regexp).exec(line);
  if (!m) return null;
  return {
    file: m[pattern.file], line: Number(m[pattern.line]), column: Number(m[pattern.column]),
    severity: pattern.severity ? m[pattern.severity] : defaultSeverity,
    message: m[pattern.message], code: m[pattern.code],
  };
}

const ghSeverity = { error: "error", warning: "warning", note: "notice" };
const counts = { error: 0, warning: 0, note: 0 };
lines.forEach((line, i) => {
  const f = findings[i];
  if (!f) return;
  counts[f.severity]++;
  const want = { file: f.file, line: f.line, column: f.column, code: f.ruleId };
  const same = (got) => got && got.file === want.file && got.line === want.line && got.column === want.column &&
                        got.code === want.code && got.message.startsWith(f.message);
  const ghMatches = gh.map((m) => apply(m.pattern[0], line, m.severity)).filter(Boolean);
  if (ghMatches.length !== 1) fail(`${ghMatches.length} GitHub matchers match: ${line}`);
  else if (!same(ghMatches[0]) || ghMatches[0].severity !== ghSeverity[f.severity]) {
    fail(`GitHub matcher read ${JSON.stringify(ghMatches[0])} from: ${line}`);
  }
  for (const m of vscode) {
    const got = apply(m.pattern, line);
    if (!same(got) || got.severity !== f.severity) fail(`VS Code matcher read ${JSON.stringify(got)} from: ${line}`);
  }
  if (f.severity !== "note") {
    const m = gcc.exec(line);
    if (!m || m[1] !== f.file || Number(m[2]) !== f.line || Number(m[3]) !== f.column || m[4] !== f.severity) {
      fail(`$gcc-like regex does not read: ${line}`);
    }
  }
});
for (const s of ["error", "warning", "note"]) if (counts[s] === 0) fail(`no ${s} line in the output to test`);

// Suppressed findings (--show-suppressed) must not become annotations.
const baseline = path.join(work, "matchers-baseline.json");
execFileSync(sagelint, ["--no-config", "--quiet", "--baseline", baseline, "--update-baseline", ...inputs], { cwd: src });
const suppressed = run(["--baseline", baseline, "--show-suppressed"]).split("\n").filter((l) => l !== "");
if (suppressed.length !== all.length) fail(`--show-suppressed printed ${suppressed.length} lines, not ${all.length}`);
for (const line of suppressed) {
  if (!line.endsWith(" (suppressed)")) fail(`not marked suppressed: ${line}`);
  for (const m of gh) if (new RegExp(m.pattern[0].regexp).test(line)) fail(`GitHub matcher matches a suppressed line: ${line}`);
  for (const m of vscode) if (new RegExp(m.pattern.regexp).test(line)) fail(`VS Code matcher matches a suppressed line: ${line}`);
}

writeFileSync(path.join(work, "matched.txt"), text);
console.log(`${lines.length} finding lines (${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes) checked ` +
            `against ${gh.length} GitHub matchers, ${vscode.length} VS Code matchers and the $gcc-like regex`);
if (failures) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
