import { describe, expect, it } from 'vitest';
import {
  evaluateAccess,
  evaluateExternalAccess,
  externalPrincipalsOf,
  type PrincipalInfo,
  principalContext,
  type ResourceInfo,
  wildcardMatch,
} from '../src/aws/access/evaluate.ts';

// Cases follow the IAM User Guide: "Policy evaluation logic", "Cross-account policy evaluation logic",
// "Permissions boundaries for IAM entities", "Service control policies (SCPs)", and the NotAction /
// NotResource / Condition element reference pages. Each test names the documented rule it checks.

const A = '111111111111';
const B = '222222222222';
const OUTSIDE = '999999999999';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});

function user(name: string, policies: object[], more: Partial<PrincipalInfo> = {}): PrincipalInfo {
  return {
    arn: `arn:aws:iam::${more.accountId ?? A}:user/${name}`,
    accountId: A,
    type: 'user',
    identityPolicies: policies,
    ...more,
  };
}
function role(name: string, policies: object[], more: Partial<PrincipalInfo> = {}): PrincipalInfo {
  const accountId = more.accountId ?? A;
  return {
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    accountId,
    type: 'role',
    identityPolicies: policies,
    ...more,
  };
}

const MODEL: ResourceInfo = {
  arn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2',
  accountId: 'aws',
};
const bucketObjects = (bucket: string, accountId = A, policy?: unknown): ResourceInfo => ({
  arn: `arn:aws:s3:::${bucket}/`,
  anySuffix: true,
  accountId,
  policy,
});
const roleResource = (name: string, trust: unknown, accountId = A): ResourceInfo => ({
  arn: `arn:aws:iam::${accountId}:role/${name}`,
  accountId,
  policy: trust,
  policyRequired: true,
});
const ctx = (p: PrincipalInfo, orgId = 'o-example') => principalContext(p, orgId);

describe('policy evaluation logic (within one account)', () => {
  it('denies by default when no policy allows the request (implicit deny)', () => {
    const d = evaluateAccess(user('alice', []), MODEL, 'bedrock:InvokeModel');
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe('no-allow');
  });

  it('allows when an identity-based policy allows the action on the resource', () => {
    const d = evaluateAccess(
      user('alice', [doc(allow('bedrock:InvokeModel', MODEL.arn))]),
      MODEL,
      'bedrock:InvokeModel',
    );
    expect(d).toMatchObject({ allowed: true, conditional: false, via: 'identity' });
  });

  it('an explicit Deny in an identity policy overrides an Allow in another policy', () => {
    const p = user('alice', [doc(allow('bedrock:*')), doc(deny('bedrock:InvokeModel', MODEL.arn))]);
    const d = evaluateAccess(p, MODEL, 'bedrock:InvokeModel');
    expect(d).toMatchObject({ allowed: false, reason: 'explicit-deny', deniedBy: 'identity' });
  });

  it('an explicit Deny in the resource-based policy overrides an identity Allow', () => {
    const bucket = bucketObjects(
      'training',
      A,
      doc(deny('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: '*' })),
    );
    const d = evaluateAccess(user('alice', [doc(allow('s3:*'))]), bucket, 's3:GetObject');
    expect(d).toMatchObject({ allowed: false, reason: 'explicit-deny', deniedBy: 'resource' });
  });

  it('same account: a resource-based policy naming the IAM user ARN allows without any identity policy', () => {
    const alice = user('alice', []);
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: alice.arn } })),
    );
    expect(evaluateAccess(alice, bucket, 's3:GetObject')).toMatchObject({ allowed: true, via: 'resource' });
  });

  it('same account: a resource-based policy naming only the account delegates to identity policies (no identity allow → deny)', () => {
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: `arn:aws:iam::${A}:root` } })),
    );
    expect(evaluateAccess(user('alice', []), bucket, 's3:GetObject').allowed).toBe(false);
    expect(evaluateAccess(user('bob', [doc(allow('s3:GetObject'))]), bucket, 's3:GetObject').allowed).toBe(
      true,
    );
  });

  it('role trust policies must allow: an identity Allow for sts:AssumeRole alone does not let a principal assume a role', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const d = evaluateAccess(
      user('alice', [doc(allow('sts:AssumeRole'))]),
      roleResource('exec', trust),
      'sts:AssumeRole',
    );
    expect(d).toMatchObject({ allowed: false, reason: 'no-resource-allow' });
  });

  it('role trust naming the account root + identity Allow lets the principal assume the role', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: 'sts:AssumeRole',
    });
    const d = evaluateAccess(
      user('alice', [doc(allow('sts:AssumeRole', `arn:aws:iam::${A}:role/admin`))]),
      roleResource('admin', trust),
      'sts:AssumeRole',
    );
    expect(d).toMatchObject({ allowed: true, via: 'identity+resource' });
    expect(evaluateAccess(user('bob', []), roleResource('admin', trust), 'sts:AssumeRole').allowed).toBe(
      false,
    );
  });

  it('role trust naming a same-account role ARN allows that role without an identity policy', () => {
    const ci = role('ci', []);
    const trust = doc({ Effect: 'Allow', Principal: { AWS: ci.arn }, Action: 'sts:AssumeRole' });
    expect(evaluateAccess(ci, roleResource('deployer', trust), 'sts:AssumeRole')).toMatchObject({
      allowed: true,
      via: 'resource',
    });
  });
});

describe('cross-account policy evaluation logic', () => {
  const fromB = (policies: object[]) => role('analyst', policies, { accountId: B });

  it('an identity Allow is not enough across accounts when the resource has no resource-based policy', () => {
    const d = evaluateAccess(
      fromB([doc(allow('s3:GetObject'))]),
      bucketObjects('training', A),
      's3:GetObject',
    );
    expect(d).toMatchObject({ allowed: false, reason: 'no-resource-allow' });
  });

  it('allowed when the resource policy trusts the other account and the identity policy allows', () => {
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: B } })),
    );
    expect(evaluateAccess(fromB([doc(allow('s3:GetObject'))]), bucket, 's3:GetObject')).toMatchObject({
      allowed: true,
      via: 'identity+resource',
    });
  });

  it('denied when the resource policy names the principal but its own account grants nothing', () => {
    const analyst = fromB([]);
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: analyst.arn } })),
    );
    expect(evaluateAccess(analyst, bucket, 's3:GetObject').allowed).toBe(false);
  });
});

describe('permissions boundaries', () => {
  const boundary = doc(allow(['s3:*', 'cloudwatch:*', 'ec2:*']));

  it('the boundary caps identity permissions: iam:* in the identity policy is refused outside the boundary (ShirleyRodriguez example)', () => {
    const shirley = user('ShirleyRodriguez', [doc(allow('iam:*'), allow('s3:*'))], {
      permissionsBoundary: boundary,
    });
    const target: ResourceInfo = { arn: `arn:aws:iam::${A}:role/x`, accountId: A };
    expect(evaluateAccess(shirley, target, 'iam:CreateUser')).toMatchObject({
      allowed: false,
      reason: 'boundary',
    });
    expect(evaluateAccess(shirley, bucketObjects('logs'), 's3:GetObject').allowed).toBe(true);
  });

  it('a resource-based policy naming an IAM user ARN is not limited by the user boundary', () => {
    const u = user('bounded', [], { permissionsBoundary: doc(allow('ec2:*')) });
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: u.arn } })),
    );
    expect(evaluateAccess(u, bucket, 's3:GetObject')).toMatchObject({ allowed: true, via: 'resource' });
  });

  it('a resource-based policy naming an IAM role ARN is limited by the role boundary', () => {
    const r = role('bounded', [], { permissionsBoundary: doc(allow('ec2:*')) });
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: r.arn } })),
    );
    expect(evaluateAccess(r, bucket, 's3:GetObject')).toMatchObject({ allowed: false, reason: 'boundary' });
  });

  it('an explicit Deny in the boundary denies', () => {
    const r = role('bounded', [doc(allow('*'))], { permissionsBoundary: doc(allow('*'), deny('bedrock:*')) });
    expect(evaluateAccess(r, MODEL, 'bedrock:InvokeModel')).toMatchObject({
      allowed: false,
      deniedBy: 'boundary',
    });
  });
});

describe('service control policies', () => {
  const FULL = doc(allow('*'));
  const admin = (scpLevels: unknown[][]) => role('admin', [doc(allow('*'))], { scpLevels });

  it('an SCP allowing only S3 at the OU blocks Bedrock even for AdministratorAccess', () => {
    const d = evaluateAccess(admin([[FULL], [doc(allow('s3:*'))], [FULL]]), MODEL, 'bedrock:InvokeModel');
    expect(d).toMatchObject({ allowed: false, reason: 'scp' });
  });

  it('an explicit Deny in an SCP denies (deny-list strategy)', () => {
    const d = evaluateAccess(admin([[FULL, doc(deny('bedrock:*'))], [FULL]]), MODEL, 'bedrock:InvokeModel');
    expect(d).toMatchObject({ allowed: false, deniedBy: 'scp' });
  });

  it('every level from the root to the account must allow: an account level without an allowing SCP denies', () => {
    expect(evaluateAccess(admin([[FULL], [doc(allow('s3:*'))]]), MODEL, 'bedrock:InvokeModel').allowed).toBe(
      false,
    );
    expect(
      evaluateAccess(admin([[FULL], [doc(allow('bedrock:*'))]]), MODEL, 'bedrock:InvokeModel').allowed,
    ).toBe(true);
  });

  it('SCPs also cap access granted by a resource-based policy to a member-account principal', () => {
    const u = user('alice', [], { scpLevels: [[doc(allow('ec2:*'))]] });
    const bucket = bucketObjects(
      'training',
      A,
      doc(allow('s3:GetObject', 'arn:aws:s3:::training/*', { Principal: { AWS: u.arn } })),
    );
    expect(evaluateAccess(u, bucket, 's3:GetObject')).toMatchObject({ allowed: false, reason: 'scp' });
  });

  it('the management account is not restricted by SCPs (no levels)', () => {
    expect(evaluateAccess(role('admin', [doc(allow('*'))]), MODEL, 'bedrock:InvokeModel').allowed).toBe(true);
  });
});

describe('NotAction, NotResource and wildcards', () => {
  it('Allow with NotAction iam:* allows every non-IAM action (PowerUserAccess pattern)', () => {
    const p = role('power', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })]);
    expect(evaluateAccess(p, MODEL, 'bedrock:InvokeModel').allowed).toBe(true);
    expect(evaluateAccess(p, { arn: `arn:aws:iam::${A}:role/x`, accountId: A }, 'iam:PassRole').allowed).toBe(
      false,
    );
  });

  it('Deny with NotAction denies everything except the listed actions', () => {
    const p = role('locked', [
      doc(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }),
    ]);
    expect(evaluateAccess(p, MODEL, 'bedrock:InvokeModel')).toMatchObject({
      allowed: false,
      reason: 'explicit-deny',
    });
  });

  it('Deny with NotResource denies every resource except the listed ones', () => {
    const p = role('scoped', [
      doc(allow('s3:*'), {
        Effect: 'Deny',
        Action: 's3:*',
        NotResource: ['arn:aws:s3:::allowed', 'arn:aws:s3:::allowed/*'],
      }),
    ]);
    expect(evaluateAccess(p, bucketObjects('allowed'), 's3:GetObject').allowed).toBe(true);
    expect(evaluateAccess(p, bucketObjects('other'), 's3:GetObject')).toMatchObject({
      allowed: false,
      reason: 'explicit-deny',
    });
  });

  it('action names match case-insensitively, resource ARNs case-sensitively', () => {
    const p = role('r', [
      doc(allow('Bedrock:invoke*', 'arn:aws:s3:::MyBucket/*'), allow('BEDROCK:INVOKEMODEL', MODEL.arn)),
    ]);
    expect(evaluateAccess(p, MODEL, 'bedrock:InvokeModel').allowed).toBe(true);
    const q = role('q', [doc(allow('s3:getobject', 'arn:aws:s3:::MyBucket/*'))]);
    expect(evaluateAccess(q, bucketObjects('mybucket'), 's3:GetObject').allowed).toBe(false);
    expect(evaluateAccess(q, bucketObjects('MyBucket'), 's3:GetObject').allowed).toBe(true);
  });

  it('? matches exactly one character and * any run', () => {
    expect(wildcardMatch('arn:aws:s3:::data-?', 'arn:aws:s3:::data-1')).toBe(true);
    expect(wildcardMatch('arn:aws:s3:::data-?', 'arn:aws:s3:::data-12')).toBe(false);
    expect(wildcardMatch('arn:aws:bedrock:*:*:foundation-model/*', MODEL.arn)).toBe(true);
  });

  it('a grant on a key prefix allows only some objects of the bucket (resourceScope some)', () => {
    const p = role('r', [doc(allow('s3:GetObject', 'arn:aws:s3:::training/reports/*'))]);
    expect(evaluateAccess(p, bucketObjects('training'), 's3:GetObject')).toMatchObject({
      allowed: true,
      resourceScope: 'some',
    });
  });

  it('a Deny on a key prefix does not block the whole bucket but is recorded', () => {
    const p = role('r', [doc(allow('s3:GetObject'), deny('s3:GetObject', 'arn:aws:s3:::training/secret/*'))]);
    const d = evaluateAccess(p, bucketObjects('training'), 's3:GetObject');
    expect(d).toMatchObject({ allowed: true, resourceScope: 'all' });
    expect(d.deniedIf).toEqual([expect.objectContaining({ reason: 'partial-resource', source: 'identity' })]);
  });
});

describe('conditions', () => {
  it('an Allow with a condition aispm cannot evaluate (aws:SourceIp) yields a conditional allow with the condition recorded', () => {
    const p = role('r', [
      doc(
        allow('bedrock:InvokeModel', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      ),
    ]);
    const d = evaluateAccess(p, MODEL, 'bedrock:InvokeModel', ctx(p));
    expect(d).toMatchObject({ allowed: true, conditional: true });
    expect(d.conditions[0]?.clauses).toEqual([
      { operator: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24'] },
    ]);
  });

  it('a Deny with an unevaluable condition (aws:MultiFactorAuthPresent) does not block but is recorded as deniedIf', () => {
    const p = user('u', [
      doc(
        allow('bedrock:*'),
        deny('bedrock:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
      ),
    ]);
    const d = evaluateAccess(p, MODEL, 'bedrock:InvokeModel', ctx(p));
    expect(d).toMatchObject({ allowed: true, conditional: false });
    expect(d.deniedIf[0]).toMatchObject({ source: 'identity', reason: 'condition' });
  });

  it('iam:PassedToService is evaluated: a PassRole grant limited to SageMaker allows SageMaker only', () => {
    const p = user('ds', [
      doc(
        allow('iam:PassRole', '*', {
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        }),
      ),
    ]);
    const target: ResourceInfo = { arn: `arn:aws:iam::${A}:role/exec`, accountId: A };
    expect(
      evaluateAccess(p, target, 'iam:PassRole', {
        ...ctx(p),
        'iam:passedtoservice': ['sagemaker.amazonaws.com'],
      }),
    ).toMatchObject({
      allowed: true,
      conditional: false,
    });
    expect(
      evaluateAccess(p, target, 'iam:PassRole', {
        ...ctx(p),
        'iam:passedtoservice': ['bedrock.amazonaws.com'],
      }).allowed,
    ).toBe(false);
  });

  it('aws:PrincipalOrgID is evaluated for organisation principals', () => {
    const r = role('analyst', [doc(allow('s3:GetObject'))], { accountId: B });
    const policy = doc(
      allow('s3:GetObject', 'arn:aws:s3:::shared/*', {
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } },
      }),
    );
    expect(
      evaluateAccess(r, bucketObjects('shared', A, policy), 's3:GetObject', ctx(r, 'o-example')),
    ).toMatchObject({ allowed: true, conditional: false });
    expect(
      evaluateAccess(r, bucketObjects('shared', A, policy), 's3:GetObject', ctx(r, 'o-other')).allowed,
    ).toBe(false);
  });

  it('a policy variable in Resource stays unresolved and makes the allow conditional', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS template.
    const p = user('alice', [doc(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'))]);
    const d = evaluateAccess(p, bucketObjects('home'), 's3:GetObject', ctx(p));
    expect(d).toMatchObject({ allowed: true, conditional: true });
    expect(d.conditions[0]).toMatchObject({
      reason: 'policy-variable',
      clauses: [{ operator: 'PolicyVariable', key: 'aws:username' }],
    });
  });

  it('...IfExists is true and a plain operator false when the key is known to be absent; negated operators are true', () => {
    const p = role('r', [
      doc(
        allow('bedrock:InvokeModel', '*', {
          Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-x' } },
        }),
        allow('sagemaker:InvokeEndpoint', '*', {
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-x' } },
        }),
        allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-x' } } }),
      ),
    ]);
    const noOrg = principalContext(p); // aws:PrincipalOrgID known absent
    expect(evaluateAccess(p, MODEL, 'bedrock:InvokeModel', noOrg).allowed).toBe(true);
    expect(
      evaluateAccess(
        p,
        { arn: `arn:aws:sagemaker:us-east-1:${A}:endpoint/e`, accountId: A },
        'sagemaker:InvokeEndpoint',
        noOrg,
      ).allowed,
    ).toBe(false);
    expect(evaluateAccess(p, bucketObjects('b'), 's3:GetObject', noOrg)).toMatchObject({
      allowed: true,
      conditional: false,
    });
  });
});

describe('principals outside the organisation (resource-based policies)', () => {
  const org = { orgId: 'o-example', accounts: [A, B] };

  it('Principal "*" grants anyone, including anonymous callers', () => {
    const policy = doc(allow('s3:GetObject', 'arn:aws:s3:::public/*', { Principal: '*' }));
    expect(externalPrincipalsOf(policy, new Set([A, B]))).toEqual(['*']);
    expect(
      evaluateExternalAccess('*', bucketObjects('public', A, policy), 's3:GetObject', org),
    ).toMatchObject({ allowed: true, conditional: false });
  });

  it('Principal "*" limited by aws:PrincipalOrgID to the own organisation grants nobody outside it', () => {
    const policy = doc(
      allow('s3:GetObject', 'arn:aws:s3:::shared/*', {
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } },
      }),
    );
    expect(evaluateExternalAccess('*', bucketObjects('shared', A, policy), 's3:GetObject', org).allowed).toBe(
      false,
    );
  });

  it('a foreign account in a trust policy is an external principal; an sts:ExternalId condition keeps it conditional', () => {
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'vendor-123' } },
    });
    expect(externalPrincipalsOf(trust, new Set([A, B]))).toEqual([OUTSIDE]);
    const d = evaluateExternalAccess(OUTSIDE, roleResource('vendor', trust), 'sts:AssumeRole', org);
    expect(d).toMatchObject({ allowed: true, conditional: true });
    expect(d.conditions[0]?.clauses[0]).toMatchObject({ key: 'sts:ExternalId' });
  });

  it('organisation accounts named in a resource policy are not external principals', () => {
    const policy = doc(
      allow('s3:GetObject', '*', {
        Principal: { AWS: [`arn:aws:iam::${B}:root`, `arn:aws:iam::${OUTSIDE}:role/x`] },
      }),
    );
    expect(externalPrincipalsOf(policy, new Set([A, B]))).toEqual([OUTSIDE]);
  });

  it('a Deny for everyone in the resource policy blocks external access too', () => {
    const policy = doc(
      allow('s3:*', '*', { Principal: '*' }),
      deny('s3:DeleteObject', '*', { Principal: '*' }),
    );
    expect(evaluateExternalAccess('*', bucketObjects('b', A, policy), 's3:DeleteObject', org)).toMatchObject({
      allowed: false,
      reason: 'explicit-deny',
    });
    expect(evaluateExternalAccess('*', bucketObjects('b', A, policy), 's3:PutObject', org).allowed).toBe(
      true,
    );
  });
});

describe('request context aispm assumes', () => {
  it('requests use TLS: a DenyInsecureTransport statement (aws:SecureTransport false) does not apply', () => {
    const p = role('r', [doc(allow('s3:GetObject'))]);
    const bucket = bucketObjects(
      'b',
      A,
      doc(deny('s3:*', '*', { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })),
    );
    const d = evaluateAccess(p, bucket, 's3:GetObject', ctx(p));
    expect(d).toMatchObject({ allowed: true, deniedIf: [] });
  });
});

describe('organisation paths', () => {
  it('aws:PrincipalOrgPaths (ForAnyValue:StringLike) is evaluated from the account’s place in the org', () => {
    const r = role('analyst', [doc(allow('s3:GetObject'))], { accountId: B });
    const policy = doc(
      allow('s3:GetObject', 'arn:aws:s3:::shared/*', {
        Principal: '*',
        Condition: {
          'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-example/r-ab12/ou-ab12-ml/*'] },
        },
      }),
    );
    const inMl = principalContext(r, 'o-example', ['o-example', 'r-ab12', 'ou-ab12-ml', 'ou-ab12-prod']);
    const inSandbox = principalContext(r, 'o-example', ['o-example', 'r-ab12', 'ou-ab12-sandbox']);
    expect(evaluateAccess(r, bucketObjects('shared', A, policy), 's3:GetObject', inMl)).toMatchObject({
      allowed: true,
      conditional: false,
    });
    expect(evaluateAccess(r, bucketObjects('shared', A, policy), 's3:GetObject', inSandbox).allowed).toBe(
      false,
    );
    // Without a known path the grant stays conditional rather than being decided either way.
    expect(
      evaluateAccess(r, bucketObjects('shared', A, policy), 's3:GetObject', principalContext(r, 'o-example')),
    ).toMatchObject({
      allowed: true,
      conditional: true,
    });
  });
});
