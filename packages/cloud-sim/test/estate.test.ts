import { kindOf, ManifestSchema, RISK_CONCEPTS } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../src/estate/index.ts';
import { ScaleSchema, scaleParams } from '../src/options.ts';

const WALKED_BACKWARDS = new Set([
  'has-key',
  'trained-on',
  'reads-from',
  'produced-by',
  'stores-vectors-in',
  'serves',
  'uses-model',
  'uses-knowledge-base',
]);

describe('estate generation', () => {
  it('gives a byte-identical manifest for the same seed and a different one for another seed', async () => {
    const a = await generateEstate({ seed: 1234, scale: 'small' });
    const b = await generateEstate({ seed: 1234, scale: 'small' });
    const c = await generateEstate({ seed: 1235, scale: 'small' });
    const ja = JSON.stringify(a.manifest);
    expect(JSON.stringify(b.manifest)).toBe(ja);
    expect(JSON.stringify(c.manifest)).not.toBe(ja);
    // The live AWS model is reproducible too (it is what the APIs serve).
    expect(JSON.stringify(b.aws)).toBe(JSON.stringify(a.aws));
  });

  it('keeps provider halves independent: the AWS truth does not depend on the other providers', async () => {
    const all = await generateEstate({ seed: 99, scale: 'small' });
    const awsOnly = await generateEstate({ seed: 99, scale: 'small', providers: ['aws'] });
    const awsAssets = (m: typeof all.manifest) =>
      JSON.stringify(m.assets.filter((x) => x.provider === 'aws'));
    expect(awsAssets(awsOnly.manifest)).toBe(awsAssets(all.manifest));
  });

  for (const scale of ['small', 'medium'] as const) {
    it(`writes a schema-valid, self-consistent manifest (${scale})`, async () => {
      const { manifest } = await generateEstate({ seed: 42, scale, providers: ['aws'] });
      expect(() => ManifestSchema.parse(manifest)).not.toThrow();
      const ids = new Set(manifest.assets.map((a) => a.id));
      expect(ids.size).toBe(manifest.assets.length);
      for (const e of manifest.edges) {
        expect(ids.has(e.from), `edge from ${e.from}`).toBe(true);
        expect(ids.has(e.to), `edge to ${e.to}`).toBe(true);
      }
      for (const r of manifest.risks) {
        expect(ids.has(r.assetId), `risk on ${r.assetId}`).toBe(true);
        expect(r.severity).toBe(RISK_CONCEPTS[r.concept].severity);
      }
      const risky = new Set(manifest.risks.map((r) => r.assetId));
      for (const c of manifest.clean) {
        expect(ids.has(c)).toBe(true);
        expect(risky.has(c), `clean asset ${c} has a planted risk`).toBe(false);
      }
      for (const p of manifest.attackPaths) {
        for (const hop of p.hops) expect(ids.has(hop), `path hop ${hop}`).toBe(true);
        expect(p.hops).toContain(p.chokePoint);
        for (const hop of p.hops) expect(manifest.clean).not.toContain(hop);
        // consecutive hops are joined by an edge of the manifest (has-key is walked backwards, and so is data
        // lineage: written data flows from the store to what reads or is trained on it, model → endpoint / agent)
        for (let i = 1; i < p.hops.length; i++) {
          const [from, to] = [p.hops[i - 1], p.hops[i]];
          const linked = manifest.edges.some(
            (e) =>
              (e.from === from && e.to === to) ||
              (WALKED_BACKWARDS.has(e.kind) && e.from === to && e.to === from),
          );
          expect(linked, `${p.id}: ${from} → ${to}`).toBe(true);
        }
      }
      for (const a of manifest.assets) expect(kindOf(a.provider, a.nativeType), a.nativeType).toBe(a.kind);
      const total = Object.entries(manifest.counts.aws ?? {})
        .filter(([k]) => k !== 'total')
        .reduce((n, [, v]) => n + v, 0);
      expect(total).toBe(manifest.assets.length);
      expect(manifest.counts.aws?.total).toBe(manifest.assets.length);
      expect(manifest.exhaustiveEdgeKinds).toContain('runs-as');
    });
  }

  it('plants a realistic mix on medium: a few hundred AWS assets, every workload kind, risks, clean assets and paths', async () => {
    const { manifest, aws } = await generateEstate({ seed: 42, scale: 'medium', providers: ['aws'] });
    const aCount = manifest.counts.aws?.total ?? 0;
    expect(aCount).toBeGreaterThan(200);
    expect(aCount).toBeLessThan(1000);
    for (const kind of [
      'agent',
      'knowledge-base',
      'notebook',
      'training-job',
      'inference-endpoint',
      'guardrail',
      'vector-store',
      'provisioned-throughput',
    ]) {
      expect(manifest.counts.aws?.[kind], kind).toBeGreaterThan(0);
    }
    const concepts = new Set(manifest.risks.map((r) => r.concept));
    for (const c of [
      'notebook-direct-internet',
      'secret-in-notebook-startup',
      'data-store-broad-write',
      'role-ai-wildcard-actions',
      'agent-excessive-agency',
      'invocation-logging-disabled',
      'no-cmk-encryption',
    ] as const) {
      expect(concepts.has(c), c).toBe(true);
    }
    expect(manifest.clean.length).toBeGreaterThan(20);
    expect(manifest.attackPaths.length).toBeGreaterThan(0);
    expect(aws.accounts.length).toBe(scaleParams('medium').awsAccounts + 1);
    // Resources exist in specific regions only.
    for (const a of manifest.assets.filter((x) => x.kind === 'notebook'))
      expect(aws.regions).toContain(a.region);
  });

  it('plants matching API state for risks (a planted notebook risk is visible in the served object)', async () => {
    const { manifest, aws } = await generateEstate({ seed: 8, scale: 'medium', providers: ['aws'] });
    const notebooks = aws.accounts.flatMap((a) =>
      Object.values(a.regions).flatMap((r) => r.sagemaker.notebooks),
    );
    for (const n of notebooks) {
      const arn = n.NotebookInstanceArn as string;
      const planted = manifest.risks.some(
        (r) => r.assetId === arn && r.concept === 'notebook-direct-internet',
      );
      expect(planted).toBe(n.DirectInternetAccess === 'Enabled');
      const exposed = manifest.edges.some((e) => e.kind === 'exposed-to-internet' && e.to === arn);
      expect(exposed).toBe(n.DirectInternetAccess === 'Enabled');
    }
  });

  it('reaches a numeric scale target with the whole estate', async () => {
    const { manifest } = await generateEstate({ seed: 5, scale: 3000 });
    const params = scaleParams(3000);
    expect(manifest.scale).toBe('3000');
    expect(manifest.assets.length).toBeGreaterThanOrEqual(3000);
    expect(manifest.counts.aws?.total).toBeGreaterThan(params.awsAccounts * params.workloadsPerAccount * 8);
  });

  it('shapes org-<n> as org-1000 is, with n member accounts', () => {
    expect(scaleParams(ScaleSchema.parse('org-250'))).toEqual({
      label: 'org-250',
      awsAccounts: 250,
      azureSubscriptions: 25,
      gcpProjects: 25,
      workloadsPerAccount: 8,
    });
    expect(scaleParams('org-1000')).toEqual({
      label: 'org-1000',
      awsAccounts: 1000,
      azureSubscriptions: 100,
      gcpProjects: 100,
      workloadsPerAccount: 8,
    });
    for (const bad of ['org-0', 'org-', 'org-x', 'org-10000', 'org-01'])
      expect(ScaleSchema.safeParse(bad).success, bad).toBe(false);
    expect(ScaleSchema.parse('250')).toBe(250);
  });
});
