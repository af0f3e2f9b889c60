/**
 * What build-fixtures.ts and every fixtures-*.ts build their fixtures with: the fixture and its registration, the
 * asset record (its keys in the order the fixture files hold them), and the writer of the pass/fail files.
 * Edges are `edge` from @aispm/core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetKind, AssetRecord, EdgeRecord, Provider } from '@aispm/core';

/** A small graph where a rule must fail on `target`, or (the same shape, fixed) must not fail at all. */
export interface Fixture {
  target: string;
  assets: AssetRecord[];
  edges: EdgeRecord[];
}

/**
 * Registers a rule's failing and passing fixture; with `variant`, a further pair of the same rule (another cloud's or
 * access path's shape), written as `<rule-id>.<variant>.{fail,pass}.json` and held to the same test.
 */
export type Def = (id: string, failing: Fixture, passing: Fixture, variant?: string) => void;

/** Where an asset lives. */
export interface Place {
  provider: Provider;
  accountId: string;
  region: string;
}

export type MakeAsset = (
  id: string,
  kind: AssetKind,
  nativeType: string,
  properties?: Record<string, unknown>,
  tags?: Record<string, string>,
) => AssetRecord;

/**
 * The asset maker of one fixtures file: its assets live at `place` (or where `place` puts each by its id and
 * kind), and each is named after the last segment of its id, split at `nameSeparator`.
 */
export function assetMaker(
  place: Place | ((id: string, kind: AssetKind) => Place),
  nameSeparator: string | RegExp = '/',
): MakeAsset {
  return (id, kind, nativeType, properties = {}, tags = {}) => {
    const { provider, accountId, region } = typeof place === 'function' ? place(id, kind) : place;
    return {
      id,
      kind,
      provider,
      accountId,
      region,
      name: id.split(nameSeparator).pop() ?? id,
      nativeType,
      properties,
      tags,
    };
  };
}

/**
 * Where an AWS asset lives: IAM and S3 ARNs are global, and a pseudo-asset (an `aispm:` id: the internet, an outside
 * principal) belongs to no account.
 */
export function awsPlace(accountId: string, region: string, id: string): Place {
  const pseudo = id.startsWith('aispm:');
  return {
    provider: 'aws',
    accountId: pseudo ? 'global' : accountId,
    region: pseudo || id.startsWith('arn:aws:iam') || id.startsWith('arn:aws:s3') ? 'global' : region,
  };
}

/** A fixture of one asset, checked by its own properties, with what stands around it. */
export const single = (a: AssetRecord, assets: AssetRecord[] = [], edges: EdgeRecord[] = []): Fixture => ({
  target: a.id,
  assets: [a, ...assets],
  edges,
});

/** Collects every rule's fixtures; `write` stores them as `<dir>/<rule-id>.{fail,pass}.json` and counts the rules. */
export function fixtureSet(): { def: Def; write: (dir: string) => number } {
  const fixtures = { fail: {} as Record<string, Fixture>, pass: {} as Record<string, Fixture> };
  return {
    def: (id, failing, passing, variant) => {
      const name = variant ? `${id}.${variant}` : id;
      fixtures.fail[name] = failing;
      fixtures.pass[name] = passing;
    },
    write: (dir) => {
      for (const [outcome, byRule] of Object.entries(fixtures))
        for (const [id, f] of Object.entries(byRule))
          writeFileSync(join(dir, `${id}.${outcome}.json`), `${JSON.stringify(f, null, 2)}\n`);
      return Object.keys(fixtures.fail).filter((name) => !name.includes('.')).length;
    },
  };
}
