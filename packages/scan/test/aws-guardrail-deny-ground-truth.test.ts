import type { CloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { evaluateGraph } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAwsSim, startSmallSim } from './helpers/scan-sim.ts';

/**
 * The Bedrock user guide's Deny-only way to require a guardrail, scanned with the real AWS connector: the planted
 * `DenyOnlyInvoker` role may invoke every foundation model without a condition on its Allow, but a Deny with
 * `StringNotEquals` on bedrock:GuardrailIdentifier blocks any call not naming the guardrail's version 1. The scan
 * reads it as requiring that guardrail (guarded-by), the manifest calls it clean, and the rule about invocations not
 * held to an enforced guardrail does not name it — while its twin `UnguardedInvoker` (the same Allow, no Deny) is.
 */
describe('AWS Deny-only guardrail requirement against the simulator ground truth (small estate)', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let scanned: Awaited<ReturnType<typeof scanAwsSim>>['batch'];
  let evaluation: ReturnType<typeof evaluateGraph>;

  beforeAll(async () => {
    sim = await startSmallSim('aws');
    manifest = sim.manifest;
    const { batch, errors } = await scanAwsSim(sim, manifest);
    expect(errors).toEqual([]);
    scanned = batch;
    evaluation = evaluateGraph(batch);
    expect(evaluation.errors).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await sim?.close();
  });

  const roles = (prefix: string) =>
    manifest.assets.filter((a) => a.nativeType === 'AWS::IAM::Role' && a.name.startsWith(prefix));

  it('reads the Deny-only role as guarded by the guardrail its Deny names, and the manifest calls it clean', () => {
    const denyOnly = roles('DenyOnlyInvoker-');
    expect(denyOnly.length).toBeGreaterThan(0);
    const clean = new Set(manifest.clean);
    for (const role of denyOnly) {
      expect(clean.has(role.id)).toBe(true);
      const expected = manifest.edges
        .filter((e) => e.kind === 'guarded-by' && e.from === role.id)
        .map((e) => e.to);
      expect(expected).toHaveLength(1);
      const guarded = scanned.edges.filter((e) => e.kind === 'guarded-by' && e.from === role.id);
      expect(guarded.map((e) => [e.to, e.properties])).toEqual([
        [expected[0], { versions: ['1'], via: 'iam-condition' }],
      ]);
      const invokes = scanned.edges.filter((e) => e.kind === 'can-invoke' && e.from === role.id);
      expect(invokes.length).toBeGreaterThan(0);
      for (const e of invokes) {
        expect(e.properties.conditional).toBeUndefined();
        expect(e.properties).toMatchObject({
          guardrailRequired: true,
          requiredGuardrails: [{ guardrail: expected[0], version: '1' }],
        });
      }
      // No finding of any rule names the clean role.
      const named = [...evaluation.verdicts].flatMap(([ruleId, vs]) =>
        vs.filter((v) => v.status === 'fail' && v.assetId === role.id).map(() => ruleId),
      );
      expect(named).toEqual([]);
    }
  });

  it('aispm-guardrail-not-enforced names the unguarded twin in its region but not the Deny-only role', () => {
    const verdicts = evaluation.verdicts.get('aispm-guardrail-not-enforced') ?? [];
    const denyOnly = roles('DenyOnlyInvoker-');
    const twins = roles('UnguardedInvoker-');
    expect(twins.length).toBe(denyOnly.length);
    const related = verdicts.flatMap((v) => (v.status === 'fail' ? (v.evidence.related ?? []) : []));
    for (const role of denyOnly) expect(related).not.toContain(role.id);
    // Where Bedrock enforces no guardrail in the twin's region, the finding names it; elsewhere the enforced
    // configuration passes the region whatever IAM says.
    const failing = verdicts.filter((v) => v.status === 'fail');
    let judged = 0;
    for (const twin of twins) {
      const account = twin.accountId;
      const region = scanned.edges
        .filter((e) => e.kind === 'can-invoke' && e.from === twin.id)
        .map((e) => e.to.split(':')[3])[0];
      const config = `arn:aws:bedrock:${region}:${account}:enforced-guardrails`;
      const v = failing.find((x) => x.assetId === config);
      if (!v) continue;
      judged++;
      expect(v.evidence.related).toContain(twin.id);
    }
    expect(judged).toBeGreaterThan(0);
  });
});
