import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Every package's vitest config extends this: the network guard in every test process, sane timeouts. */
export default defineConfig({
  test: {
    setupFiles: [fileURLToPath(new URL('./src/network-guard.ts', import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
