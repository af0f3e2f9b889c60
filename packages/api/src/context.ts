import type { Db } from '@aispm/db';
import type { TokenVerifier } from './auth.ts';
import type { ApiMetrics } from './metrics.ts';
import type { ApiServices, RuleCatalog } from './services.ts';

/** What every resource plugin gets as its options. */
export interface RouteContext {
  db: Db;
  services: ApiServices;
  rules: RuleCatalog;
  tokens: TokenVerifier;
  metrics: ApiMetrics;
  metricsPublic: boolean;
}
