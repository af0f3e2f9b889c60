import type { Db } from '@aispm/db';
import type { TokenVerifier } from './auth.ts';
import type { ApiMetrics } from './metrics.ts';
import type { SearchLimits } from './search-limits.ts';
import type { ApiServices, RuleCatalog } from './services.ts';

/** What every resource plugin gets as its options. */
export interface RouteContext {
  db: Db;
  services: ApiServices;
  rules: RuleCatalog;
  tokens: TokenVerifier;
  metrics: ApiMetrics;
  metricsPublic: boolean;
  /** Text search's own rate limit (a route preHandler) and statement timeout. */
  search: SearchLimits;
}
