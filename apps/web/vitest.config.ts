import shared from '@aispm/testing/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      environment: 'node',
      // The browser tests poll what the page shows; on a loaded 2-core CI machine a page can take longer than
      // vitest's default second to render. A poll that never matches still fails, only later.
      expect: { poll: { timeout: 15_000 } },
    },
  }),
);
