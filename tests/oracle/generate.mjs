#!/usr/bin/env node
// Differential test, step 1: generate random identity policies and requests from realistic pieces
// (SageMaker, S3 and IAM actions; ARNs with wildcards; every condition operator with IfExists and
// the set qualifiers; absent keys; policy variables), ask the reference simulator
// @cloud-copilot/iam-simulate for each decision, and write one JSON line per case for the C++
// side (eval_oracle_check) to compare against.
//
// The simulator is AGPL-3.0: it is installed into a temporary directory by run.sh and loaded from
// there (--oracle DIR). Nothing from it is linked into or shipped with sagelint.
//
// Usage: node generate.mjs --oracle DIR --seed N --count N --out FILE [--undocumented 1]
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
)
const oracleDir = args.oracle
const seed = Number(args.seed ?? 1)
const count = Number(args.count ?? 1000)
const out = args.out ?? 'cases.jsonl'
// --undocumented 1 keeps the corners where AWS documents no behaviour and the two engines differ
// (README.md, "Known deviations"); by default the generator steers around them.
const undocumented = args.undocumented === '1'
if (!oracleDir) {
  console.error('usage: node generate.mjs --oracle DIR [--seed N] [--count N] [--out FILE]')
  process.exit(2)
}
const require = createRequire(join(oracleDir, 'package.json'))
const sim = require('@cloud-copilot/iam-simulate')

// ---- deterministic randomness (mulberry32) -------------------------------------------------
let state = seed >>> 0
function rand() {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const chance = (p) => rand() < p
const pick = (xs) => xs[Math.floor(rand() * xs.length)]
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
function some(xs, lo, hi) {
  const n = Math.min(int(lo, hi), xs.length)
  const pool = [...xs]
  const outv = []
  for (let i = 0; i < n; i++) outv.push(pool.splice(Math.floor(rand() * pool.length), 1)[0])
  return outv
}
function randomCase(s) {
  return [...s].map((c) => (chance(0.3) ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join('')
}

// ---- the pieces ----------------------------------------------------------------------------
const ACCOUNT = '111122223333'
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/test-role`

// Request resources per action; '*' for actions that take no resource.
const JOBS = ['train-a', 'train-b', 'Train-A', 'train-10'].flatMap((j) => [
  `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${j}`,
  `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/${j}`
])
const ACTIONS = {
  'sagemaker:CreateTrainingJob': JOBS,
  'sagemaker:DescribeTrainingJob': JOBS,
  'sagemaker:CreateNotebookInstance': [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb-1`, `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/dev-1`],
  'sagemaker:CreateModel': [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/m1`],
  'sagemaker:ListTrainingJobs': ['*'],
  's3:GetObject': ['arn:aws:s3:::bucket-a/home/alice/f.txt', 'arn:aws:s3:::bucket-a/home/bob/f.txt', 'arn:aws:s3:::bucket-a/Home/alice/f.txt', 'arn:aws:s3:::bucket-b/x/y:z'],
  's3:PutObject': ['arn:aws:s3:::bucket-a/home/alice/g.txt', 'arn:aws:s3:::bucket-b/data.csv'],
  's3:ListBucket': ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b'],
  's3:ListAllMyBuckets': ['*'],
  'iam:PassRole': [`arn:aws:iam::${ACCOUNT}:role/ml-data`, `arn:aws:iam::${ACCOUNT}:role/AmazonSageMaker-Exec`, `arn:aws:iam::${ACCOUNT}:role/Admin`, `arn:aws:iam::${ACCOUNT}:role/ml-ml`],
  'iam:GetUser': [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:user/Alice`, `arn:aws:iam::${ACCOUNT}:user/bob`],
  'iam:ListRoles': ['*']
}
const ACTION_NAMES = Object.keys(ACTIONS)

const ACTION_PATTERNS = [
  'sagemaker:Create*', 'sagemaker:*TrainingJob*', 'sagemaker:Describe?rainingJob', 'sagemaker:*', 'sagemaker:List*',
  's3:Get*', 's3:*Object', 's3:List*', 's3:*', 'iam:Pass*', 'iam:*', 'iam:Get?ser', '*'
]
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:sagemaker:*:*:training-job/*',
  `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/train-?`,
  `arn:aws:sagemaker:*:${ACCOUNT}:*`,
  `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb-*`,
  'arn:aws:sagemaker:*:*:model/*',
  `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/train-a`,
  'arn:aws:s3:::bucket-a/*',
  'arn:aws:s3:::bucket-a',
  'arn:aws:s3:::bucket-*',
  'arn:aws:s3:::bucket-a/home/${aws:username}/*',
  "arn:aws:s3:::bucket-a/home/${aws:username, 'alice'}/*",
  'arn:aws:s3:::Bucket-A/*',
  'arn:aws:s3:::bucket-b/x/*:z',
  `arn:aws:iam::${ACCOUNT}:role/*`,
  'arn:aws:iam::*:role/*AmazonSageMaker*',
  `arn:aws:iam::${ACCOUNT}:role/ml-\${aws:PrincipalTag/team}`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  `arn:aws:iam::${ACCOUNT}:user/alice`
]

// Condition keys: type, request values, extra policy literals (patterns, variables).
const IP_VALUES = ['203.0.113.5', '203.0.113.200', '198.51.100.7', '10.1.2.3', '2001:db8:1234:5678::9', '2001:db8:ffff::1']
const KEYS = {
  'aws:SourceVpce': { type: 'String', values: ['vpce-1111', 'vpce-2222', 'vpce-3333'], literals: ['vpce-1*', 'vpce-????'] },
  'aws:PrincipalTag/team': { type: 'String', values: ['ml', 'data', 'Ml', 'ops'], literals: ['m*', '${aws:username}'] },
  'aws:username': { type: 'String', values: ['alice', 'bob', 'Alice'], literals: ['a*', "${aws:PrincipalTag/team, 'alice'}"] },
  'aws:UserAgent': { type: 'Binary', values: ['QUJD', 'REVG', 'R0hJ'], literals: [] },
  'aws:SourceIp': { type: 'IPAddress', values: IP_VALUES, literals: ['203.0.113.0/24', '2001:DB8:1234:5678::/64', '198.51.100.7', '10.0.0.0/8', '2001:db8::/32'] },
  'aws:SecureTransport': { type: 'Bool', values: ['true', 'false'], literals: [] },
  'aws:MultiFactorAuthPresent': { type: 'Bool', values: ['true', 'false', 'True'], literals: [] },
  'aws:CurrentTime': { type: 'Date', values: ['2023-06-01T12:00:00Z', '2024-01-01T00:00:00Z', '2024-06-01T00:00:00+02:00', '2025-01-01'], literals: ['2024-01-01T00:00:00Z', '2024-06-01', '2023-12-31T23:59:59Z'] },
  'aws:TokenIssueTime': { type: 'Date', values: ['2024-03-01T00:00:00Z', '2020-01-01T00:00:01Z'], literals: ['2020-01-01T00:00:01Z', '2024-01-01T00:00:00Z'] },
  'aws:MultiFactorAuthAge': { type: 'Numeric', values: ['100', '3600', '86400', '3600.5'], literals: ['3600', '100.25', '0'] },
  'aws:PrincipalArn': { type: 'ARN', values: [`arn:aws:iam::${ACCOUNT}:role/ml-admin`, `arn:aws:iam::${ACCOUNT}:role/ml-dev`, `arn:aws:iam::${ACCOUNT}:user/alice`, 'arn:aws:iam::999999999999:role/ml-admin'], literals: [`arn:aws:iam::${ACCOUNT}:role/ml-*`, 'arn:aws:iam::*:role/*', `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`, `arn:aws:iam::${ACCOUNT}:role/ML-*`] },
  'aws:PrincipalOrgPaths': { type: 'ArrayOfString', values: ['o-a/r-b/ou-c/', 'o-a/r-b/ou-d/', 'o-z/r-b/ou-c/'], literals: ['o-a/r-b/*', 'o-a/r-b/ou-c/'] },
  'aws:CalledVia': { type: 'ArrayOfString', values: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'], literals: [] },
  'aws:TagKeys': { type: 'ArrayOfString', values: ['env', 'team', 'cost', 'Env'], literals: ['e*', 'key1*'] },
  'aws:RequestTag/env': { type: 'String', values: ['dev', 'prod', 'Dev'], literals: ['d*'] },
  'aws:ResourceTag/env': { type: 'String', values: ['dev', 'prod'], literals: ['p?od'] },
  'sagemaker:NetworkIsolation': { type: 'Bool', values: ['true', 'false'], literals: [] },
  'sagemaker:DirectInternetAccess': { type: 'String', values: ['Enabled', 'Disabled'], literals: ['enabled'] },
  'sagemaker:RootAccess': { type: 'String', values: ['Enabled', 'Disabled'], literals: [] },
  'sagemaker:VpcSubnets': { type: 'ArrayOfString', values: ['subnet-aaa', 'subnet-bbb', 'subnet-ccc'], literals: ['subnet-a*'] },
  'sagemaker:InstanceTypes': { type: 'ArrayOfString', values: ['ml.m5.large', 'ml.c5.xlarge', 'ml.p3.2xlarge'], literals: ['ml.c5.*', 'ml.p?.*'] },
  'sagemaker:MaxRuntimeInSeconds': { type: 'Numeric', values: ['60', '3600', '86400'], literals: ['3600', '86399.5'] },
  'sagemaker:VolumeKmsKey': { type: 'ARN', values: [`arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`, `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k2`], literals: [`arn:aws:kms:*:${ACCOUNT}:key/*`, 'arn:aws:kms:us-east-1:*:key/k?'] },
  'sagemaker:ResourceTag/env': { type: 'String', values: ['dev', 'prod'], literals: [] },
  's3:prefix': { type: 'String', values: ['', 'home/', 'home/alice/', 'home/bob/x'], literals: ['home/${aws:username}/*', 'home/', '', 'home${*}'] },
  's3:max-keys': { type: 'Numeric', values: ['10', '1000', '5'], literals: ['10', '100'] },
  's3:x-amz-acl': { type: 'String', values: ['private', 'public-read'], literals: ['public-*'] },
  'iam:PassedToService': { type: 'String', values: ['sagemaker.amazonaws.com', 'glue.amazonaws.com', 'ec2.amazonaws.com'], literals: ['*.amazonaws.com', 'sagemaker.*'] },
  'iam:AssociatedResourceArn': { type: 'ARN', values: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/train-a`, `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`], literals: ['arn:aws:sagemaker:*:*:*'] },
  'iam:ResourceTag/team': { type: 'String', values: ['ml', 'ops'], literals: ['${aws:PrincipalTag/team}'] }
}

const OPERATORS = {
  String: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  ARN: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringEquals'],
  Numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  Bool: ['Bool'],
  Binary: ['BinaryEquals'],
  IPAddress: ['IpAddress', 'NotIpAddress']
}

// ---- generation ----------------------------------------------------------------------------
function keysFor(action, allowed) {
  return Object.keys(KEYS).filter((k) => allowed.has(k.toLowerCase()) || k.startsWith('aws:PrincipalTag/') || k === 'aws:username')
}

function conditionValue(key, op) {
  const spec = KEYS[key]
  const pool = [...spec.values, ...spec.literals]
  if (op === 'Null') return pick([true, false, 'true', 'false'])
  if (op === 'Bool') return pick([true, false, 'true', 'false', 'TRUE'])
  if (op === 'NumericEquals' && chance(0.2)) return Number(pick(spec.values))
  let v = pick(pool)
  // Variables, wildcards and escapes only where the operator takes them.
  if (!/^(String|Arn)/.test(op) && /[$*?]/.test(v)) v = pick(spec.values)
  if (/^(StringEquals|StringNotEquals|Arn(Not)?Equals)/.test(op) && chance(0.1)) v = v + '${*}'
  // The simulator compares a bare address in NotIpAddress by string, so an IPv6 request is not
  // "outside" 198.51.100.7 while it is outside 198.51.100.7/32 (README.md, known deviations).
  if (!undocumented && op.includes('NotIpAddress') && !v.includes('/')) v = v + (v.includes(':') ? '/128' : '/32')
  return v
}

function condition(action, allowed) {
  const keys = keysFor(action, allowed)
  const block = {}
  for (let i = int(1, 3); i > 0; i--) {
    const key = pick(keys)
    const spec = KEYS[key]
    let op
    if (chance(0.12)) {
      op = 'Null'
    } else {
      const family = spec.type === 'ArrayOfString' ? 'String' : spec.type
      op = pick(OPERATORS[family])
      if (chance(0.25)) op += 'IfExists'
      if (spec.type === 'ArrayOfString' ? chance(0.85) : chance(0.1)) op = pick(['ForAllValues:', 'ForAnyValue:']) + op
    }
    const values = []
    for (let n = int(1, 3); n > 0; n--) values.push(conditionValue(key, op))
    block[op] = block[op] ?? {}
    block[op][chance(0.15) ? randomCase(key) : key] = values.length === 1 && chance(0.6) ? values[0] : values
  }
  return block
}

function statement(action, allowed) {
  const st = {}
  if (chance(0.5)) st.Sid = `S${int(0, 999)}`
  st.Effect = chance(0.7) ? 'Allow' : 'Deny'
  const actions = []
  for (let n = int(1, 3); n > 0; n--) {
    actions.push(chance(0.5) ? (chance(0.3) ? randomCase(action) : action) : chance(0.6) ? pick(ACTION_PATTERNS) : pick(ACTION_NAMES))
  }
  st[chance(0.15) ? 'NotAction' : 'Action'] = actions.length === 1 && chance(0.5) ? actions[0] : actions
  const resources = []
  const own = ACTIONS[action]
  for (let n = int(1, 2); n > 0; n--) resources.push(chance(0.3) ? pick(own) : pick(RESOURCE_PATTERNS))
  st[chance(0.15) ? 'NotResource' : 'Resource'] = resources.length === 1 ? resources[0] : resources
  if (chance(0.65)) st.Condition = condition(action, allowed)
  return st
}

function policy(action, allowed) {
  const statements = []
  for (let n = int(1, 4); n > 0; n--) statements.push(statement(chance(0.8) ? action : pick(ACTION_NAMES), allowed))
  return { Version: '2012-10-17', Statement: statements }
}

// The keys the policies read, as condition keys or as variables.
function keysRead(documents) {
  const found = new Set()
  const text = JSON.stringify(documents)
  for (const k of Object.keys(KEYS)) {
    if (text.toLowerCase().includes(k.toLowerCase())) found.add(k)
  }
  return found
}

function requestValue(key) {
  const spec = KEYS[key]
  if (chance(0.2) && spec.literals.length > 0 && !/IPAddress|Date|Numeric|Bool|Binary/.test(spec.type)) {
    // A literal instance of a policy pattern, so patterns get matched too.
    return pick(spec.literals).replaceAll('${*}', '*').replace(/\$\{[^}]*\}/g, 'alice').replaceAll('*', 'x').replaceAll('?', 'y')
  }
  return pick(spec.values)
}

async function main() {
  const lines = []
  const stats = { cases: 0, errors: 0, ignoredKeys: 0, results: {} }
  for (let id = 0; id < count; id++) {
    const action = pick(ACTION_NAMES)
    const resource = pick(ACTIONS[action])
    const allowed = new Set(await sim.allowedContextKeysForRequest(...action.split(':'), resource, false))
    const policies = []
    for (let n = int(1, 4); n > 0; n--) policies.push({ name: `policy-${n}`, document: policy(action, allowed) })
    const boundary = chance(0.15) ? [{ name: 'boundary', document: policy(action, allowed) }] : []
    const context = {}
    const read = keysRead([...policies, ...boundary].map((p) => p.document))
    for (const extra of some(Object.keys(KEYS), 0, 2)) read.add(extra)
    for (const key of read) {
      if (chance(0.22)) continue  // absent
      const isArray = sim.isConditionKeyArray(await sim.typeForContextKey(key))
      context[chance(0.1) ? randomCase(key) : key] = isArray ? some(KEYS[key].values, 0, 3).map((v) => (chance(0.15) ? requestValue(key) : v)) : requestValue(key)
    }
    // AWS does not document what a variable without a value does in a NotResource pattern or in
    // a negated operator; the simulator and sagelint read these differently (README.md,
    // known deviations), so such variables are always given a value.
    const unresolved = []
    for (const doc of [...policies, ...boundary].map((p) => p.document)) {
      for (const st of doc.Statement) {
        unresolved.push(...[st.NotResource ?? []].flat())
        for (const [op, body] of Object.entries(st.Condition ?? {})) {
          if (op.includes('Not')) unresolved.push(...Object.values(body).flat().map(String))
        }
      }
    }
    for (const text of undocumented ? [] : unresolved) {
      for (const m of text.matchAll(/\$\{([^},]+)/g)) {
        const key = Object.keys(KEYS).find((k) => k.toLowerCase() === m[1].trim().toLowerCase())
        if (key && !Object.keys(context).some((k) => k.toLowerCase() === key.toLowerCase())) context[key] = pick(KEYS[key].values)
      }
    }
    const simulation = {
      identityPolicies: policies.map((p) => ({ name: p.name, policy: p.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary.length > 0 ? { permissionBoundaryPolicies: boundary.map((p) => ({ name: p.name, policy: p.document })) } : {}),
      request: { action, principal: PRINCIPAL, resource: { resource, accountId: ACCOUNT }, contextVariables: context }
    }
    const response = await sim.runSimulation(simulation, {})
    if (response.resultType !== 'single') {
      stats.errors++
      if (stats.errors <= 3) console.error(`case ${id}: oracle ${response.resultType}: ${JSON.stringify(response.errors ?? {}).slice(0, 400)}`)
      continue
    }
    const analysis = response.result.analysis
    const refs = (list) => (list ?? []).map((s) => [s.policyId, s.statement.index() - 1])
    // Keys the simulator dropped as not applying to the action are dropped here too, so both
    // engines see the same request.
    for (const k of response.result.ignoredContextKeys ?? []) {
      delete context[k]
      stats.ignoredKeys++
    }
    stats.results[response.overallResult] = (stats.results[response.overallResult] ?? 0) + 1
    stats.cases++
    lines.push(JSON.stringify({
      id,
      policies,
      boundary,
      request: { action, resource, context },
      oracle: {
        decision: response.overallResult,
        allow: refs(analysis.identityAnalysis?.allowStatements),
        deny: refs(analysis.identityAnalysis?.denyStatements),
        boundary_allow: refs(analysis.permissionBoundaryAnalysis?.allowStatements),
        boundary_deny: refs(analysis.permissionBoundaryAnalysis?.denyStatements)
      }
    }))
  }
  writeFileSync(out, lines.join('\n') + '\n')
  console.error(`generated ${stats.cases} cases (seed ${seed}); oracle errors ${stats.errors}; context keys dropped as not applicable ${stats.ignoredKeys}; oracle decisions ${JSON.stringify(stats.results)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
