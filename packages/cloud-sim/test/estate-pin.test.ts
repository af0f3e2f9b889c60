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
          "aws": "0ec7856828675fd0525fb088",
          "azure": "fb3b4c0b8ad9842e7c9f6be9",
          "gcp": "3ce2ca8c4c015e9cd9778cb3",
          "manifest": "7bc669b474cc5b28ef33ed43",
        },
        "20261204/37": {
          "aws": "342081fc543bb37277bd9137",
          "azure": "29c4d0e3ad030a3893b78925",
          "gcp": "267241fba3769862e9d6d914",
          "manifest": "21a836624f2e4168b52c5033",
        },
        "42/medium": {
          "aws": "86d9452aaec149bb49600aec",
          "azure": "487f7437692ad2c2c988025d",
          "gcp": "46788e3e6545c632cdb74c12",
          "manifest": "a0ddd82f288bfdeae422eb83",
        },
      }
    `);
  });
});
