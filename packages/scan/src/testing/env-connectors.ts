import type { Connector } from '@aispm/connectors';
import { createTestConnector, type TestConnectorOptions } from './test-connector.ts';

/**
 * `AISPM_CONNECTORS_MODULE` target for worker processes in tests: the test connector, configured by JSON in the
 * test's own variable `AISPM_TEST_CONNECTOR` (test support, not aispm configuration).
 */
export function createConnectors(env: NodeJS.ProcessEnv = process.env): Connector[] {
  const raw = env.AISPM_TEST_CONNECTOR;
  if (!raw) throw new Error('AISPM_TEST_CONNECTOR (JSON test connector options) is not set');
  let options: TestConnectorOptions;
  try {
    options = JSON.parse(raw) as TestConnectorOptions;
  } catch (error) {
    throw new Error(`AISPM_TEST_CONNECTOR is not valid JSON: ${(error as Error).message}`);
  }
  return [createTestConnector(options)];
}
