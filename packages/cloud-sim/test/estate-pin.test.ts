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
          "aws": "a3c2136d305ecd9324da229b",
          "azure": "8d80e304dcf6653db83c9397",
          "gcp": "3ce2ca8c4c015e9cd9778cb3",
          "manifest": "51fd9270fadac4e5555502f5",
        },
        "20261204/37": {
          "aws": "b58a3f422c2866d25860554c",
          "azure": "303030c6f760cd405f62d095",
          "gcp": "267241fba3769862e9d6d914",
          "manifest": "89944fcc34056819af198975",
        },
        "42/medium": {
          "aws": "fe7d1d8b73e726ce37019162",
          "azure": "2dfe65afbad52ee057f912a0",
          "gcp": "46788e3e6545c632cdb74c12",
          "manifest": "d61101850a93e5be6ec77659",
        },
      }
    `);
  });
});
