import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/testing/src/shared.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * A path inside the workspace's `shared/` folder (reference material and the standards' schemas), which
 * sits beside the repository — in development and in CI's fresh clone alike. `AISPM_SHARED_DIR` overrides it.
 */
export function sharedPath(...parts: string[]): string {
  const base = process.env.AISPM_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared');
  const path = resolve(base, ...parts);
  if (!existsSync(path))
    throw new Error(`${path} not found: shared/ must sit beside the repository (or set AISPM_SHARED_DIR)`);
  return path;
}
