/** The id of a region's model invocation logging configuration (one per account and region; an asset even when off). */
export function invocationLoggingId(region: string, accountId: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:model-invocation-logging`;
}

/** The id of a region's enforced-guardrails configuration (one per account and region; an asset even when none). */
export function enforcedGuardrailsId(region: string, accountId: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:enforced-guardrails`;
}
