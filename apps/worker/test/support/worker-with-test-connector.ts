import { loadConfig } from '@aispm/core';
import { createTestConnector, type TestConnectorOptions } from '@aispm/scan/testing';
import { serveWorker } from '../../src/main.ts';

/**
 * The worker process the crash tests kill: the real entry point (`serveWorker`), handed the cloud-less test
 * connector described by the test's own variable `AISPM_TEST_CONNECTOR` (JSON options; test support, not aispm
 * configuration).
 */
const raw = process.env.AISPM_TEST_CONNECTOR;
if (!raw) throw new Error('AISPM_TEST_CONNECTOR (JSON test connector options) is not set');
const options = JSON.parse(raw) as TestConnectorOptions;
serveWorker(loadConfig(process.env), { connectors: [createTestConnector(options)] });
