import { z } from 'zod';
import { contentHash } from './hash.ts';
import { edgeId, INTERNET_ID } from './ids.ts';
import { AssetKindSchema, type EdgeKind, EdgeKindSchema, type Provider, ProviderSchema } from './kinds.ts';

const JsonObject = z.record(z.string(), z.unknown());

/** What a normaliser emits for one resource. */
export const AssetRecordSchema = z.object({
  id: z.string().min(1),
  kind: AssetKindSchema,
  provider: ProviderSchema,
  /** Account id / subscription id / project id the asset lives in ('global' for org-level pseudo-assets). */
  accountId: z.string().min(1),
  region: z.string().min(1),
  name: z.string(),
  nativeType: z.string().min(1),
  properties: JsonObject,
  tags: z.record(z.string(), z.string()),
});
export type AssetRecord = z.infer<typeof AssetRecordSchema>;

/** The attack-path entry point that stands for the public internet, as a provider's graph holds it. */
export function internetAsset(provider: Provider): AssetRecord {
  return {
    id: INTERNET_ID,
    kind: 'internet',
    provider,
    accountId: 'global',
    region: 'global',
    name: 'internet',
    nativeType: 'aispm::Internet',
    properties: {},
    tags: {},
  };
}

export const EdgeRecordSchema = z.object({
  kind: EdgeKindSchema,
  from: z.string().min(1),
  to: z.string().min(1),
  properties: JsonObject,
});
export type EdgeRecord = z.infer<typeof EdgeRecordSchema>;

/** One normaliser's output: the unit the graph writer takes. */
export interface GraphBatch {
  assets: AssetRecord[];
  edges: EdgeRecord[];
}

export function edge(
  kind: EdgeKind,
  from: string,
  to: string,
  properties: Record<string, unknown> = {},
): EdgeRecord {
  return { kind, from, to, properties };
}

export function assetHash(a: AssetRecord): string {
  const { id: _id, ...rest } = a;
  return contentHash(rest);
}

export function edgeHash(e: EdgeRecord): string {
  return contentHash(e.properties);
}

export function edgeRecordId(e: EdgeRecord): string {
  return edgeId(e.kind, e.from, e.to);
}

/** A stored asset as read back from the graph. */
export interface GraphAsset extends AssetRecord {
  firstSeenAt: Date;
  lastSeenAt: Date;
  removedAt: Date | null;
}

export interface GraphEdge extends EdgeRecord {
  id: string;
}

/** Which stored edges' targets a phase-2 task asks for (the ids it must then describe). */
export interface ReferenceFilter {
  /** Target ids start with this, e.g. `arn:aws:s3:::`. */
  prefix: string;
  /** The account id is one of the target's ARN fields. */
  accountId?: string;
  /** Only edges of these kinds. */
  kinds?: string[];
  /** Leave out edges whose source starts with this, e.g. references written by phase 2 itself. */
  excludeFromPrefix?: string;
}
