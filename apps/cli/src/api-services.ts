import {
  type ApiServices,
  policyEvaluator,
  policyFindingActions,
  policyRuleCatalog,
  scanControlFromServices,
} from '@aispm/api';
import type { Connector } from '@aispm/connectors';
import type { Db } from '@aispm/db';
import { createScanService, type ScanService } from '@aispm/scan';
import { evaluate } from './stack.ts';

export interface ApiServicesOptions {
  db: Db;
  connectors: Connector[];
  /** Undefined runs scans in-process (embedded). */
  redis: string | undefined;
  queuePrefix?: string;
  /** Factor on the documented API limits scans pace their calls by (AISPM_PACING_SCALE; 0 = unpaced). */
  pacingScale?: number;
}

/**
 * Wires the real scan service (one per tenant: scans are tenant-scoped, evaluated when they finish), the
 * policy engine and the rule catalog into the API.
 */
export function buildApiServices(options: ApiServicesOptions): {
  services: ApiServices;
  close(): Promise<void>;
} {
  const { db } = options;
  const perTenant = new Map<string, ScanService>();
  const scansFor = (tenantId: string): ScanService => {
    let service = perTenant.get(tenantId);
    if (!service) {
      service = createScanService({
        db,
        tenantId,
        connectors: options.connectors,
        redis: options.redis,
        queuePrefix: options.queuePrefix ?? 'aispm',
        ...(options.pacingScale !== undefined ? { pacingScale: options.pacingScale } : {}),
        onScanFinished: async (scanId) => {
          await evaluate(db, tenantId, scanId);
        },
      });
      // Workers start in the background; a failure shows up on the scan, not as an unhandled rejection.
      service.startWorkers().catch((err: unknown) => {
        process.stderr.write(`scan workers for tenant ${tenantId} failed to start: ${String(err)}\n`);
      });
      perTenant.set(tenantId, service);
    }
    return service;
  };
  return {
    services: {
      scans: scanControlFromServices(scansFor),
      findings: policyFindingActions(db),
      evaluator: policyEvaluator(db),
      rules: policyRuleCatalog(),
    },
    async close() {
      for (const s of perTenant.values()) await s.close();
    },
  };
}
