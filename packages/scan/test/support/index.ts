export * from './test-connector.ts';
