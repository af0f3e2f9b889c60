import type { Rng } from '@aispm/core';
import type { WorkloadProfile } from '../common.ts';
import { APPS, profileFor } from '../common.ts';
import type { Project } from '../project.ts';
import { keyAsset, keyName } from '../project.ts';
import { agentEngine } from './agent-engine.ts';
import { agentRegistry } from './agent-registry.ts';
import { buckets } from './buckets.ts';
import { endpoint, models } from './models.ts';
import { training } from './training.ts';
import { featureStore, vectorSearch } from './vector-search.ts';
import { workbench } from './workbench.ts';

/**
 * One Vertex AI workload of a project: buckets, a dataset, a training pipeline and custom job, a trained model
 * and an open-weights LLM behind an endpoint, a vector search index, a feature store on every other workload,
 * and a Workbench instance. The profile (common.ts) decides which settings are planted weaknesses.
 */
export interface Workload {
  proj: Project;
  w: number;
  wrng: Rng;
  prof: WorkloadProfile;
  app: string;
  labels: Record<string, string>;
  cmekKey: string | undefined;
  cmekAsset: string | undefined;
  encryptionSpec: { encryptionSpec?: { kmsKeyName: string } };
}

export function buildWorkload(proj: Project, w: number, workloadIndex: number): void {
  const wl = workloadBase(proj, w, workloadIndex);
  const b = buckets(wl);
  const trained = training(wl, b);
  const m = models(wl, b, trained);
  endpoint(wl, m);
  vectorSearch(wl, b.ragBucket);
  if (w % 2 === 0) featureStore(wl);
  workbench(wl);
  const engine = agentEngine(wl, b.ragBucket);
  // The sound profile registers its agent with closed-world tools (the clean twin), the wide-open one with the
  // indirect-injection exfiltration pair; the other profiles do not use Agent Registry.
  const registry = workloadIndex % 4 === 0 ? 'twin' : workloadIndex % 4 === 1 ? 'exfil' : undefined;
  if (registry) agentRegistry(wl, engine, registry);
}

function workloadBase(proj: Project, w: number, workloadIndex: number): Workload {
  const { p, prng, env } = proj;
  const wrng = prng.fork(`workload-${w}`);
  const prof = profileFor(workloadIndex, wrng.fork('profile'));
  const app = `${APPS[(p * 3 + w) % APPS.length]}${w >= APPS.length ? w : ''}`;
  const labels = { app, env, team: `ml-${app}` };
  const cmekKey = prof.cmek ? keyName(proj, `cmek-${app}`) : undefined;
  const cmekAsset = prof.cmek ? keyAsset(proj, `cmek-${app}`) : undefined;
  const encryptionSpec = cmekKey ? { encryptionSpec: { kmsKeyName: cmekKey } } : {};
  return { proj, w, wrng, prof, app, labels, cmekKey, cmekAsset, encryptionSpec };
}

/** Links an asset to the workload's CMEK, or plants the missing-CMEK risk. */
export function encrypted(wl: Workload, id: string, what: string, severity?: 'low'): void {
  if (wl.cmekAsset) wl.proj.org.truth.edge('encrypted-by', id, wl.cmekAsset);
  else
    wl.proj.org.truth.risk(id, 'no-cmk-encryption', `${what} uses Google-managed encryption keys`, severity);
}

/** A 19-digit Vertex AI resource id. */
export function id19(wl: Workload): string {
  return `${wl.wrng.digits(19).replace(/^0/, '1')}`;
}
