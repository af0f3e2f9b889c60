export * from './derive.ts';
export * from './raw.ts';
export * from './schema.ts';
export * from './validate.ts';
