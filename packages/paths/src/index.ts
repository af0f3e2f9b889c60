export * from './attack-paths.ts';
export * from './choke-points.ts';
export * from './crown-jewels.ts';
export * from './graph-index.ts';
