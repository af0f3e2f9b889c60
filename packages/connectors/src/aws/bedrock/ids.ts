/** The id of a region's model invocation logging configuration (one per account and region; an asset even when off). */
export function invocationLoggingId(region: string, accountId: string): string {
  return `arn:aws:bedrock:${region}:${accountId}:model-invocation-logging`;
}
