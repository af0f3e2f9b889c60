export * from './aws/index.ts';
export * from './azure/index.ts';
export * from './gcp/index.ts';
export * from './shared/index.ts';
export * from './types.ts';
