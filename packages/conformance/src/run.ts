import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingInput, referenceDir, standardsDir } from './standards.ts';

/** `pnpm test:conformance`: one clear line when the standards are missing, otherwise the vitest suite. */
const missing = missingInput();
if (missing) {
  process.stderr.write(
    `conformance: ${missing} not found: set AISPM_STANDARDS_DIR to the official standards folder (default ../shared/standards beside the repository)\n`,
  );
  process.exit(1);
}
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const result = spawnSync('pnpm', ['exec', 'vitest', 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AISPM_STANDARDS_DIR: standardsDir(), AISPM_REFERENCE_DIR: referenceDir() },
});
process.exit(result.status ?? 1);
