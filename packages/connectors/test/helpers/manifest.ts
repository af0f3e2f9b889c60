import type { Manifest, Provider } from '@aispm/core';
import type { DriverResult } from './driver.ts';

type ManifestAsset = Manifest['assets'][number];

/** Imported and expected asset ids of one cloud, both sorted, for an exact comparison. */
export function assetIdSets(
  manifest: Manifest,
  result: DriverResult,
  provider: Provider,
  isId: (id: string) => boolean,
): { got: string[]; want: string[] } {
  const got = [...result.graph.assetsById.keys()].filter(isId).sort();
  const want = manifest.assets.filter((a) => a.provider === provider && isId(a.id)).map((a) => a.id);
  return { got, want: [...new Set(want)].sort() };
}

/** Manifest assets of one cloud whose kind, native type, account, region or name differ from the import. */
export function assetMismatches(
  manifest: Manifest,
  result: DriverResult,
  provider: Provider,
  isId: (id: string) => boolean,
  expectedName: (m: ManifestAsset) => string | undefined = (m) => m.name,
): { id: string; got: unknown; want: unknown }[] {
  return manifest.assets
    .filter((a) => a.provider === provider && isId(a.id))
    .flatMap((m) => {
      const a = result.graph.assetsById.get(m.id);
      const got = a && {
        kind: a.kind,
        nativeType: a.nativeType,
        accountId: a.accountId,
        region: a.region,
        name: a.name,
      };
      const want = {
        kind: m.kind,
        nativeType: m.nativeType,
        accountId: m.accountId,
        region: m.region,
        name: expectedName(m),
      };
      return JSON.stringify(got) === JSON.stringify(want) ? [] : [{ id: m.id, got, want }];
    });
}
