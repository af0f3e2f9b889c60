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
          "aws": "1a9b71eede5c932c63d2a405",
          "azure": "0c0bbf37e467ae5885fa00b7",
          "gcp": "612ad84d98df2cd12ca17585",
          "manifest": "33bf30a1133bf5ee4faeff5d",
        },
        "20261204/37": {
          "aws": "24427f5c7955348f752cf515",
          "azure": "a20b1a938957fcaf930c7f39",
          "gcp": "349930f7cc9554c0c9a382ac",
          "manifest": "fcd5472ed6905bb249d6096a",
        },
        "42/medium": {
          "aws": "046a6b6bf13186abf0d86fab",
          "azure": "c9f7b7af014c7efac89170be",
          "gcp": "d928e04f82c8bf268c169f55",
          "manifest": "1cdbea4aeff46f74d983f21e",
        },
      }
    `);
  });
});
