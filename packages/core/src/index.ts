export * from './graph.ts';
export * from './hash.ts';
export * from './ids.ts';
export * from './kinds.ts';
export * from './manifest.ts';
export * from './random.ts';
export * from './resource-types.ts';
export * from './risk-concepts.ts';
