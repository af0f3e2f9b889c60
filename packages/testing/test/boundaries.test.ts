import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Package import boundaries: core ← connectors/db/paths/exports ← policy/scan ← apps. Checked over every
 * workspace package.json (production dependencies) and every import specifier in production sources.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Layer of each workspace package; a production dependency must point to a lower layer. */
const LAYER: Record<string, number> = {
  '@aispm/core': 0,
  '@aispm/testing': 0,
  '@aispm/cloud-sim': 1,
  '@aispm/connectors': 1,
  '@aispm/db': 1,
  '@aispm/paths': 1,
  '@aispm/exports': 1,
  '@aispm/policy': 2,
  '@aispm/scan': 3,
  /** The HTTP API server: a package the CLI runs (serve, demo), above the scan pipeline. */
  '@aispm/api': 4,
};
const APP_LAYER = 5;
/** Tools that never ship as a dependency: they sit above the apps and may import their devDependencies. */
const TOOLS = new Set(['@aispm/conformance']);

interface Workspace {
  name: string;
  dir: string;
  app: boolean;
  dependencies: string[];
  tool: boolean;
}

function workspaces(): Workspace[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(ROOT, group)).flatMap((entry) => {
      const dir = join(ROOT, group, entry);
      let manifest: {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        return [];
      }
      return [
        {
          name: manifest.name,
          dir,
          app: group === 'apps',
          tool: TOOLS.has(manifest.name),
          dependencies: Object.keys({
            ...manifest.dependencies,
            ...(TOOLS.has(manifest.name) ? manifest.devDependencies : {}),
          }).filter((d) => d.startsWith('@aispm/')),
        },
      ];
    }),
  );
}

function layerOf(w: Pick<Workspace, 'name' | 'app'>): number {
  if (TOOLS.has(w.name)) return APP_LAYER + 1;
  if (w.app) return APP_LAYER;
  const layer = LAYER[w.name];
  if (layer === undefined) throw new Error(`${w.name}: add the new package to LAYER in boundaries.test.ts`);
  return layer;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'generated') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

/** `@aispm/<name>` specifiers of static and dynamic imports and re-exports. */
function aispmImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](@aispm\/[\w-]+)/g))
    found.add(m[1] as string);
  return [...found];
}

const ALL = workspaces();
const byName = new Map(ALL.map((w) => [w.name, w]));

describe('package boundaries', () => {
  it('finds the workspace packages', () => {
    expect(byName.has('@aispm/policy')).toBe(true);
    expect(byName.has('@aispm/cli')).toBe(true);
  });

  it('keeps the policy engine pure and apps independent of each other', () => {
    expect(byName.get('@aispm/policy')?.dependencies).not.toContain('@aispm/db');
    expect(byName.get('@aispm/cli')?.dependencies).not.toContain('@aispm/worker');
    // No app depends on another app: the CLI runs the API server from the @aispm/api package.
    for (const w of ALL) expect(w.dependencies.filter((d) => byName.get(d)?.app && !w.tool)).toEqual([]);
  });

  it.each(ALL.map((w) => [w.name, w] as const))('%s depends only downward', (_name, w) => {
    const layer = layerOf(w);
    const upward = w.dependencies.filter((d) => {
      const target = byName.get(d);
      return !target || (target.app && !w.tool) || layerOf(target) >= layer;
    });
    expect(upward).toEqual([]);
  });

  it.each(ALL.map((w) => [w.name, w] as const))(
    '%s production sources import only declared downward packages',
    (_name, w) => {
      const offending: string[] = [];
      for (const file of sourceFiles(join(w.dir, 'src'))) {
        for (const spec of aispmImports(file)) {
          if (spec !== w.name && !w.dependencies.includes(spec)) offending.push(`${file}: ${spec}`);
        }
      }
      expect(offending).toEqual([]);
    },
  );
});
