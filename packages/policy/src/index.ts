export * from './compliance.ts';
export * from './define.ts';
export * from './evaluate.ts';
export * from './facts.ts';
export * from './frameworks/index.ts';
export * from './graph.ts';
export * from './risk.ts';
export { DEFAULT_RULES, RULES, ruleById } from './rules/index.ts';
export * from './types.ts';
