#!/usr/bin/env node
// Prints the reference simulator's answer for each known deviation listed in README.md, next to
// the answer sagelint gives (the sagelint side is asserted in tests/unit/eval_test.cpp).
// Usage: node deviations.mjs --oracle DIR   (DIR: where run.sh, or npm install --prefix, put it)
import { createRequire } from 'node:module'
import { join } from 'node:path'

const dirIndex = process.argv.indexOf('--oracle')
if (dirIndex < 0) {
  console.error('usage: node deviations.mjs --oracle DIR')
  process.exit(2)
}
const require = createRequire(join(process.argv[dirIndex + 1], 'package.json'))
const { runSimulation } = require('@cloud-copilot/iam-simulate')

const ACCOUNT = '111122223333'
const cases = [
  {
    name: 'NotIpAddress with a bare IPv4 address, IPv6 request',
    statement: { Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.7' } } },
    context: { 'aws:SourceIp': '2001:db8::1' },
    sagelint: 'Allowed (198.51.100.7 is 198.51.100.7/32; an IPv6 address is outside it)'
  },
  {
    name: 'the same with the /32 written out',
    statement: { Condition: { NotIpAddress: { 'aws:SourceIp': '198.51.100.7/32' } } },
    context: { 'aws:SourceIp': '2001:db8::1' },
    sagelint: 'Allowed'
  },
  {
    name: 'DateLessThan, epoch seconds in the request against an ISO date',
    statement: { Condition: { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } },
    context: { 'aws:CurrentTime': '1700000000' },
    sagelint: 'ImplicitlyDenied (1700000000 s is 2023-11-14, after 2020)'
  },
  {
    name: 'ArnLike with the SageMaker guide value "*key/volume-kms-key-12345"',
    action: 'sagemaker:CreateNotebookInstance',
    resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb`,
    statement: { Condition: { ArnLike: { 'sagemaker:VolumeKmsKey': '*key/volume-kms-key-12345' } } },
    context: { 'sagemaker:VolumeKmsKey': `arn:aws:kms:us-west-2:${ACCOUNT}:key/volume-kms-key-12345` },
    sagelint: 'Allowed (a value with fewer than six parts is compared as a whole)'
  },
  {
    name: 'Resource ARN: service segment differs in case only',
    statement: { Resource: 'arn:aws:S3:::bucket/*' },
    context: {},
    sagelint: 'ImplicitlyDenied (ARNs compare case-sensitively)'
  },
  {
    name: 'Resource: wildcard before the first "/" of the resource part',
    action: 'sagemaker:DescribeTrainingJob',
    resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/job`,
    statement: { Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-*/job` },
    context: {},
    sagelint: 'Allowed (a wildcard covers any run of characters within the resource part)'
  },
  {
    name: 'variable whose value is the empty string',
    statement: { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x${aws:username}' } } },
    context: { 'aws:PrincipalTag/team': 'x', 'aws:username': '' },
    sagelint: 'Allowed (the variable resolves to "")'
  },
  {
    name: 'NotResource with an unresolvable variable, other service',
    statement: { Resource: undefined, NotResource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`, Effect: 'Deny', extraAllow: true },
    context: {},
    sagelint: 'ExplicitlyDenied (no value of the variable makes an IAM user ARN cover an S3 object)'
  },
  {
    name: 'NotResource with an unresolvable variable, same bucket, other prefix',
    statement: { Resource: undefined, NotResource: 'arn:aws:s3:::other/${aws:username}/*', Effect: 'Deny', extraAllow: true },
    context: {},
    sagelint: 'ExplicitlyDenied (no value makes arn:aws:s3:::other/... cover arn:aws:s3:::bucket/key)'
  },
  {
    name: 'ArnNotLike with an unresolvable variable in the resource part',
    statement: { Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` } } },
    context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ml` },
    sagelint: 'Allowed (no value of the variable makes a user ARN equal a role ARN)'
  },
  {
    name: 'StringNotEquals with an unresolvable variable',
    statement: { Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'home/${aws:username}' } } },
    context: { 'aws:PrincipalTag/team': 'abc' },
    sagelint: 'Allowed (no value of the variable makes "home/..." equal "abc")'
  }
]

for (const c of cases) {
  const action = c.action ?? 's3:GetObject'
  const resource = c.resource ?? 'arn:aws:s3:::bucket/key'
  const { extraAllow, ...fields } = c.statement
  const statement = { Effect: 'Allow', Action: action, Resource: '*', ...fields }
  if (statement.Resource === undefined) delete statement.Resource
  const statements = extraAllow ? [{ Effect: 'Allow', Action: action, Resource: '*' }, statement] : [statement]
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: statements } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${ACCOUNT}:role/test`,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: c.context
      }
    },
    {}
  )
  const oracle = response.resultType === 'single' ? response.overallResult : `error ${JSON.stringify(response.errors)}`
  console.log(`${c.name}\n  iam-simulate: ${oracle}\n  sagelint:     ${c.sagelint}`)
}
