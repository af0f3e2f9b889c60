/**
 * cloud-sim estate generation at scale: generates the deterministic estate (AWS + whichever Azure / GCP
 * generators are installed) for a numeric target, composes the manifest and serialises it, and reports
 * time per phase, asset counts and peak RSS as JSON lines.
 *
 *   pnpm bench cloud-sim-generate                      # 100 000 assets
 *   node --import tsx bench/cloud-sim-generate.ts --scale 20000
 */
import { generateEstate } from '@aispm/cloud-sim';

const args = process.argv.slice(2);
const scaleArg = args.indexOf('--scale');
const scale = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 100_000;
const seed = 42;
if (!Number.isInteger(scale) || scale <= 0) {
  process.stderr.write('--scale must be a positive integer\n');
  process.exit(2);
}

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 10);
const mb = (n: number) => Math.round(n / 1024 / 1024);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

const rssBefore = process.memoryUsage().rss;
// Per provider first (each alone), so a slow half is visible; then the whole estate.
for (const provider of ['aws', 'azure', 'gcp'] as const) {
  const t0 = performance.now();
  const part = await generateEstate({ seed, scale, providers: [provider] });
  emit({
    bench: 'cloud-sim-generate',
    phase: `generate-${provider}`,
    ms: Math.round(performance.now() - t0),
    assets: part.manifest.counts[provider]?.total ?? 0,
  });
}
sample();
let t = performance.now();
const estate = await generateEstate({ seed, scale });
const generateMs = Math.round(performance.now() - t);
sample();
const m = estate.manifest;
emit({
  bench: 'cloud-sim-generate',
  phase: 'generate',
  scale,
  ms: generateMs,
  assets: m.assets.length,
  edges: m.edges.length,
  risks: m.risks.length,
  clean: m.clean.length,
  attackPaths: m.attackPaths.length,
  perProvider: {
    aws: m.counts.aws?.total ?? 0,
    azure: m.counts.azure?.total ?? 0,
    gcp: m.counts.gcp?.total ?? 0,
  },
  reachedTarget: m.assets.length >= scale,
});

t = performance.now();
const json = JSON.stringify(m);
emit({
  bench: 'cloud-sim-generate',
  phase: 'serialise-manifest',
  ms: Math.round(performance.now() - t),
  mb: mb(json.length),
});

clearInterval(sampler);
sample();
emit({ bench: 'cloud-sim-generate', phase: 'memory', peakRssMb: mb(peakRss), baselineRssMb: mb(rssBefore) });
if (m.assets.length < scale) process.exitCode = 1;
