import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '@aispm/testing';

/**
 * The official schemas and data are not on npm and must never be copied into the repository: they are read from
 * `AISPM_STANDARDS_DIR` (relative paths against the repository root), by default `../shared/standards`.
 */
export function standardsDir(): string {
  return resolve(REPO_ROOT, process.env.AISPM_STANDARDS_DIR ?? '../shared/standards');
}

/** The reference documents (framework ids) beside the standards: `AISPM_REFERENCE_DIR` or `<standards>/../reference`. */
export function referenceDir(): string {
  return resolve(REPO_ROOT, process.env.AISPM_REFERENCE_DIR ?? resolve(standardsDir(), '..', 'reference'));
}

/** What the suite reads; the runner refuses to start unless every one exists. */
export const REQUIRED = [
  'sarif-2.1.0/sarif-schema-2.1.0.json',
  'ocsf-1.8.0/dictionary.json',
  'oscal-1.1.3',
  'mitre-atlas-5.6.1/ATLAS.yaml',
] as const;

export function standardPath(...parts: string[]): string {
  return resolve(standardsDir(), ...parts);
}

/** The first missing input, or undefined when everything the suite reads is there. */
export function missingInput(): string | undefined {
  if (!existsSync(standardsDir())) return standardsDir();
  for (const rel of REQUIRED) if (!existsSync(standardPath(rel))) return standardPath(rel);
  const frameworks = resolve(referenceDir(), 'frameworks.md');
  return existsSync(frameworks) ? undefined : frameworks;
}
