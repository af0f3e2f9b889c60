import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built dashboard, when `pnpm --filter @aispm/web build` has run. */
export function webDistPath(): string | undefined {
  const dist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  return existsSync(`${dist}index.html`) ? dist : undefined;
}
