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
          "azure": "954d6acb3d53932aee5b841a",
          "gcp": "c1787bf2a470354960a0d06f",
          "manifest": "d4112e39b491d650730ade12",
        },
        "20261204/37": {
          "aws": "887acc0e22ab8130b883b467",
          "azure": "a3e34844d465129d2ff8d019",
          "gcp": "3ad1bfc82dcac6879aaa60af",
          "manifest": "7d5e67eff203b1cb275316e4",
        },
        "42/medium": {
          "aws": "075cf59e98b64aec39ca86d1",
          "azure": "1477558fbc8530c3ed4f5e81",
          "gcp": "abd252153a37808a119eb93e",
          "manifest": "79b402843b569187d2ce471d",
        },
      }
    `);
  });
});
