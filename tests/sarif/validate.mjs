// Validates a SARIF file against the official SARIF 2.1.0 schema (draft-07 copy) and checks
// what GitHub code scanning additionally relies on. Usage: node validate.mjs SCHEMA SARIF
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.AJV_PREFIX + '/node_modules/');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const [schemaPath, sarifPath] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const problems = [];
if (!validate(sarif)) {
  for (const e of validate.errors.slice(0, 20)) problems.push(`schema: ${e.instancePath} ${e.message}`);
}
// GitHub code scanning: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
const run = sarif.runs?.[0];
const rules = run?.tool?.driver?.rules ?? [];
const ids = new Set(rules.map((r) => r.id));
if (sarif.runs?.length !== 1) problems.push('expected exactly one run');
for (const r of rules) {
  if (!r.shortDescription?.text || !r.fullDescription?.text || !r.help?.text) problems.push(`rule ${r.id}: descriptions/help missing`);
  // Only rules about access carry one (tests/sarif/properties.sh checks which); when present it
  // is a score code scanning can read.
  const sev = r.properties?.['security-severity'];
  if (sev !== undefined && !(/^\d+(\.\d)?$/.test(sev) && +sev > 0 && +sev <= 10)) problems.push(`rule ${r.id}: security-severity ${sev}`);
  if (!['very-high', 'high', 'medium', 'low'].includes(r.properties?.precision)) problems.push(`rule ${r.id}: precision`);
  if ([...r.fullDescription?.text ?? ''].length > 1024) problems.push(`rule ${r.id}: fullDescription over 1,024 characters`);
  if (!r.helpUri?.startsWith('https://')) problems.push(`rule ${r.id}: helpUri`);
}
if (!run?.columnKind) problems.push('columnKind not set');
let results = 0;
let related = 0;
for (const res of run?.results ?? []) {
  results++;
  if (!ids.has(res.ruleId)) problems.push(`result with unknown ruleId ${res.ruleId}`);
  if (rules[res.ruleIndex]?.id !== res.ruleId) problems.push(`ruleIndex of ${res.ruleId} is wrong`);
  const loc = res.locations?.[0]?.physicalLocation;
  if (!loc?.artifactLocation?.uri || loc.artifactLocation.uri.startsWith('/')) problems.push('result without a relative uri');
  const reg = loc?.region;
  if (!(reg?.startLine >= 1 && reg?.startColumn >= 1 && reg?.endLine >= reg?.startLine)) problems.push(`bad region ${JSON.stringify(reg)}`);
  // relatedLocations: ids unique in the result, each a place in a file with its own message.
  const seen = new Set();
  for (const rel of res.relatedLocations ?? []) {
    related++;
    if (!Number.isInteger(rel.id) || seen.has(rel.id)) problems.push(`${res.ruleId}: relatedLocation id ${rel.id} not unique`);
    seen.add(rel.id);
    const p = rel.physicalLocation;
    if (!p?.artifactLocation?.uri || p.artifactLocation.uri.startsWith('/')) problems.push(`${res.ruleId}: related location without a relative uri`);
    const r = p?.region;
    if (!(r?.startLine >= 1 && r?.startColumn >= 1 && r?.endLine >= r?.startLine)) problems.push(`${res.ruleId}: bad related region ${JSON.stringify(r)}`);
    if (!rel.message?.text) problems.push(`${res.ruleId}: related location without a message`);
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`valid SARIF 2.1.0: ${rules.length} rules, ${results} results, ${related} related locations`);
