import type { RiskConcept } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { isPolicyPublic } from '../src/aws/s3.ts';
import { generateEstate } from '../src/estate/index.ts';

type Obj = Record<string, unknown>;

/**
 * The manifest's planted risks must be true of what the APIs serve, and nothing else: for each concept a
 * predicate over the served object decides whether the risk holds; planted ⇔ predicate, asset by asset.
 */
describe('planted AWS risks match the served configuration', async () => {
  const { manifest, aws } = await generateEstate({ seed: 31, scale: 'medium', providers: ['aws'] });
  const planted = (concept: RiskConcept) =>
    new Set(manifest.risks.filter((r) => r.concept === concept).map((r) => r.assetId));
  const regions = aws.accounts.flatMap((a) => Object.values(a.regions));
  const notebooks = regions.flatMap((r) => r.sagemaker.notebooks);
  const lifecycle = new Map(
    regions
      .flatMap((r) => r.sagemaker.lifecycleConfigs)
      .map((l) => [l.NotebookInstanceLifecycleConfigName as string, l]),
  );
  const trainingJobs = regions.flatMap((r) => r.sagemaker.trainingJobs);
  const endpointConfigs = new Map(
    regions.flatMap((r) => r.sagemaker.endpointConfigs).map((c) => [c.EndpointConfigName as string, c]),
  );
  const endpoints = regions.flatMap((r) => r.sagemaker.endpoints);
  const agents = regions.flatMap((r) => r.agents);
  const guardrails = regions.flatMap((r) => r.guardrails);
  const buckets = aws.accounts.flatMap((a) => a.buckets);
  const listed = new Set(manifest.assets.map((a) => a.id));

  function check<T>(concept: RiskConcept, items: T[], id: (t: T) => string, holds: (t: T) => boolean): void {
    const expected = items.filter(holds).map(id).sort();
    const got = [...planted(concept)].filter((x) => items.some((t) => id(t) === x)).sort();
    expect(got, concept).toEqual(expected);
  }

  it('notebooks', () => {
    expect(notebooks.length).toBeGreaterThan(3);
    const arn = (n: Obj) => n.NotebookInstanceArn as string;
    check('notebook-direct-internet', notebooks, arn, (n) => n.DirectInternetAccess === 'Enabled');
    check('notebook-root-access', notebooks, arn, (n) => n.RootAccess === 'Enabled');
    check('notebook-no-vpc', notebooks, arn, (n) => !n.SubnetId);
    check('no-cmk-encryption', notebooks, arn, (n) => !n.KmsKeyId);
    check('secret-in-notebook-startup', notebooks, arn, (n) => {
      const lc = lifecycle.get(n.NotebookInstanceLifecycleConfigName as string);
      const scripts = [
        ...((lc?.OnStart as { Content: string }[]) ?? []),
        ...((lc?.OnCreate as { Content: string }[]) ?? []),
      ];
      return scripts.some((s) => /AKIA[A-Z2-7]{16}/.test(Buffer.from(s.Content, 'base64').toString('utf8')));
    });
  });

  it('training jobs and endpoints', () => {
    const arn = (t: Obj) => t.TrainingJobArn as string;
    check('training-no-network-isolation', trainingJobs, arn, (t) => t.EnableNetworkIsolation !== true);
    check(
      'training-no-inter-container-encryption',
      trainingJobs,
      arn,
      (t) => t.EnableInterContainerTrafficEncryption !== true,
    );
    check('no-cmk-encryption', trainingJobs, arn, (t) => !(t.ResourceConfig as Obj).VolumeKmsKeyId);
    const ep = (e: Obj) => e.EndpointArn as string;
    check(
      'no-cmk-encryption',
      endpoints,
      ep,
      (e) => !endpointConfigs.get(e.EndpointConfigName as string)?.KmsKeyId,
    );
    check(
      'data-capture-disabled',
      endpoints,
      ep,
      (e) => !(e.DataCaptureConfig as Obj | undefined)?.EnableCapture,
    );
  });

  it('agents and guardrails', () => {
    expect(agents.length).toBeGreaterThan(1);
    const arn = (a: (typeof agents)[number]) => a.agent.agentArn;
    check('agent-no-guardrail', agents, arn, (a) => !a.agent.guardrailConfiguration);
    check('secret-in-agent-instructions', agents, arn, (a) =>
      /AKIA[A-Z2-7]{16}/.test(String(a.agent.instruction)),
    );
    check('no-cmk-encryption', agents, arn, (a) => !a.agent.customerEncryptionKeyArn);
    const g = (x: Obj) => x.guardrailArn as string;
    check('guardrail-weak', guardrails, g, (x) => {
      const filters = ((x.contentPolicy as Obj).filters as { type: string; inputStrength: string }[]) ?? [];
      const prompt = filters.find((f) => f.type === 'PROMPT_ATTACK');
      return !prompt || prompt.inputStrength === 'NONE' || prompt.inputStrength === 'LOW';
    });
  });

  it('buckets', () => {
    const inScope = buckets.filter(
      (b) => listed.has(`arn:aws:s3:::${b.Name}`) && !b.Name.startsWith('aispm-logs-'),
    );
    expect(inScope.length).toBeGreaterThan(5);
    const arn = (b: (typeof buckets)[number]) => `arn:aws:s3:::${b.Name}`;
    check('data-store-public', inScope, arn, (b) => isPolicyPublic(b));
    check('data-store-versioning-disabled', inScope, arn, (b) => b.versioning !== 'Enabled');
    check('data-store-access-logging-disabled', inScope, arn, (b) => !b.logging);
    check('no-cmk-encryption', inScope, arn, (b) => b.encryption.SSEAlgorithm !== 'aws:kms');
    check('data-store-broad-write', inScope, arn, (b) =>
      (b.policy?.Statement ?? []).some(
        (s) =>
          s.Effect === 'Allow' &&
          [s.Action].flat().some((a) => a === 's3:PutObject') &&
          s.Principal !== undefined,
      ),
    );
  });

  it('roles', () => {
    const roles = aws.accounts.flatMap((a) => a.iam.roles);
    const arn = (r: (typeof roles)[number]) => r.Arn;
    const actions = (r: (typeof roles)[number]) =>
      r.RolePolicyList.flatMap((p) => p.PolicyDocument.Statement.filter((s) => s.Effect === 'Allow'));
    check('role-ai-wildcard-actions', roles, arn, (r) =>
      actions(r).some((s) => [s.Action].flat().some((a) => a === 'bedrock:*' || a === 'sagemaker:*')),
    );
    check('role-passrole-wildcard', roles, arn, (r) =>
      actions(r).some((s) => [s.Action].flat().includes('iam:PassRole') && s.Resource === '*'),
    );
    const trusts = (r: (typeof roles)[number]) => r.AssumeRolePolicyDocument.Statement;
    check('role-wildcard-trust', roles, arn, (r) =>
      trusts(r).some((s) => typeof s.Principal === 'object' && [s.Principal.AWS].flat().includes('*')),
    );
    const inOrg = new Set(aws.accounts.map((a) => a.Id));
    check('role-cross-account-trust', roles, arn, (r) =>
      trusts(r).some((s) => {
        const principals = typeof s.Principal === 'object' ? [s.Principal.AWS].flat().filter(Boolean) : [];
        const foreign = principals.some((p) => p !== '*' && !inOrg.has(String(p).split(':')[4] ?? ''));
        return foreign && !s.Condition?.StringEquals?.['sts:ExternalId'];
      }),
    );
  });
});
