import type { ApiRole } from '@aispm/db';

/** Who may call a route: nobody needs a token for `public`, otherwise one of the listed roles. */
export type Access = 'public' | readonly ApiRole[];

export const ADMIN: readonly ApiRole[] = ['admin'];
/** Reading the estate, findings, paths and compliance. */
export const READERS: readonly ApiRole[] = ['admin', 'analyst', 'auditor'];
/** Triage: suppressing findings, running evaluations, starting scans. */
export const TRIAGE: readonly ApiRole[] = ['admin', 'analyst'];
export const SCAN_READERS: readonly ApiRole[] = ['admin', 'analyst', 'auditor', 'scanner'];
export const SCAN_STARTERS: readonly ApiRole[] = ['admin', 'analyst', 'scanner'];
export const EXPORTERS: readonly ApiRole[] = ['admin', 'auditor'];
export const AUDIT_READERS: readonly ApiRole[] = ['admin', 'auditor'];
export const ANY_ROLE: readonly ApiRole[] = ['admin', 'analyst', 'auditor', 'scanner'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: buildApp refuses to register a route without it. */
    access?: Access;
    /** The audit-log action name for a change; `METHOD url` when absent. */
    auditAction?: string;
  }
}

/**
 * Streamed exports read up to every finding of the tenant: their own, lower limit per token and minute (inside the
 * API's general one), so a script looping on them cannot starve the database.
 */
export const EXPORT_RATE_LIMIT = { max: 30, timeWindow: 60_000 } as const;
