import shared from '@aispm/testing/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

export default mergeConfig(shared, defineConfig({ test: { include: ['test/**/*.test.ts'] } }));
