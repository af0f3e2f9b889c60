import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEstate } from '../src/estate/index.ts';

/**
 * Pins the generated estates: a hash of each provider's live model (what the simulated APIs serve) and of the
 * manifest (what a correct scan must find) for fixed seeds and scales. A refactor of the generators must leave
 * every hash as it is; an accidental change to an id, a field or the order of RNG draws shows up here.
 *
 * Changing an estate ON PURPOSE (a new scenario, a planted path, a new field)? Then these hashes are meant to
 * change: check that the other tests still pass (they assert what the estate means), then rewrite the pins with
 *   pnpm --filter @aispm/cloud-sim exec vitest run test/estate-pin.test.ts -u
 * and commit the updated snapshot below with your change. On a rebase conflict in the snapshot, take either
 * side and run the same command again.
 */
const CASES = [
  { seed: 1, scale: 'small' },
  { seed: 42, scale: 'medium' },
  { seed: 20261204, scale: 37 },
] as const;

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 24);
}

describe('estate pins', () => {
  it('generates the pinned estate and manifest for fixed seeds and scales', async () => {
    const pins: Record<string, Record<string, string>> = {};
    for (const { seed, scale } of CASES) {
      const estate = await generateEstate({ seed, scale });
      pins[`${seed}/${scale}`] = {
        aws: sha256(estate.aws),
        azure: sha256(estate.azure),
        gcp: sha256(estate.gcp),
        manifest: sha256(estate.manifest),
      };
    }
    expect(pins).toMatchInlineSnapshot(`
      {
        "1/small": {
          "aws": "72338bc4c5b74e9f87a514a6",
          "azure": "fb3b4c0b8ad9842e7c9f6be9",
          "gcp": "3ce2ca8c4c015e9cd9778cb3",
          "manifest": "dc58b5f1765250038702f06f",
        },
        "20261204/37": {
          "aws": "99067a45f4787baf1057bc26",
          "azure": "29c4d0e3ad030a3893b78925",
          "gcp": "267241fba3769862e9d6d914",
          "manifest": "7678f86658c4b144f80eb39e",
        },
        "42/medium": {
          "aws": "42752450a440896e666645f0",
          "azure": "487f7437692ad2c2c988025d",
          "gcp": "46788e3e6545c632cdb74c12",
          "manifest": "9b501bf598228b453c7e5330",
        },
      }
    `);
  });
});
