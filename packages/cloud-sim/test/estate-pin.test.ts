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
          "aws": "095cd6a58e4dd8be02c98c38",
          "azure": "8fd3e0a527106d43b7cc182c",
          "gcp": "c1787bf2a470354960a0d06f",
          "manifest": "a2bf6bfa6687219b6af8dabf",
        },
        "20261204/37": {
          "aws": "887acc0e22ab8130b883b467",
          "azure": "1e471c7ec4dbffb8e4ac25d3",
          "gcp": "3ad1bfc82dcac6879aaa60af",
          "manifest": "3f455831653ae51d4cf3e42c",
        },
        "42/medium": {
          "aws": "075cf59e98b64aec39ca86d1",
          "azure": "9a57c4a72d4090f2e46accef",
          "gcp": "abd252153a37808a119eb93e",
          "manifest": "e22bb08d173debf4ff6226c6",
        },
      }
    `);
  });
});
