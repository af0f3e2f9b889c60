/**
 * Regenerates src/frameworks/*.json from the reference file (shared/reference/frameworks.md beside the repository, or the
 * path in argv[2]) and ATLAS.yaml. Controls that no rule maps to get a `notEvidenceable` reason: the
 * hand-written one below, or their section's. Run: npx tsx scripts/build-frameworks.ts [frameworks.md] [ATLAS.yaml]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPath } from '@aispm/testing';
import yaml from 'js-yaml';
import type { FrameworkCatalog, FrameworkControl } from '../src/frameworks/index.ts';
import { RULES } from '../src/rules/index.ts';
import { ruleControls } from '../src/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const mdPath = process.argv[2] ?? sharedPath('reference', 'frameworks.md');
const atlasPath = process.argv[3] ?? sharedPath('standards', 'mitre-atlas-5.6.1', 'ATLAS.yaml');
const md = readFileSync(mdPath, 'utf8');
const mapped = new Set(RULES.flatMap(ruleControls));

const REASONS: Record<string, string> = {
  'ML09:2023':
    'Outputs tampered with between model and consumer is an application / transport-layer attack; cloud configuration exposes no output-integrity control (signing, end-to-end verification) to evidence.',
  ASI04:
    'Runtime agent supply chain (MCP servers, third-party tools, remote agents) is resolved inside the agent framework, not in cloud control-plane configuration.',
  ASI05:
    'Whether agent-generated code runs unsafely depends on the tool implementation and sandbox at run time, not on cloud posture.',
  ASI07:
    'Agent-to-agent message integrity is a protocol / application property; no cloud resource configuration carries it.',
  ASI08:
    'Cascading failures are an emergent behaviour of multi-agent workflows, observable only at run time.',
  ASI09: 'Human over-trust and approval fatigue are human-process risks; posture cannot observe them.',
  ASI10:
    'Rogue (misaligned or compromised) agent behaviour is a runtime behaviour; posture can only evidence the permissions it would abuse (ASI02 / ASI03).',
};

function tableRows(section: string): string[][] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ID') && !l.startsWith('|---'))
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

function between(start: string, end: string): string {
  const a = md.indexOf(start);
  const b = md.indexOf(end, a + start.length);
  if (a < 0 || b < 0) throw new Error(`section not found: ${start}`);
  return md.slice(a, b);
}

function control(
  id: string,
  title: string,
  extra: Partial<FrameworkControl> = {},
  fallbackReason?: string,
): FrameworkControl {
  const c: FrameworkControl = { id, title, ...extra };
  if (!mapped.has(id)) {
    const reason = REASONS[id] ?? fallbackReason;
    if (!reason) throw new Error(`${id} is mapped by no rule and has no notEvidenceable reason`);
    c.notEvidenceable = reason;
  }
  return c;
}

const catalogs: FrameworkCatalog[] = [];

// 1. OWASP LLM 2025
catalogs.push({
  id: 'owasp-llm-2025',
  title: 'OWASP Top 10 for LLM Applications 2025',
  version: '2025',
  source: 'https://genai.owasp.org/llm-top-10/',
  controls: tableRows(between('## 1. OWASP Top 10 for LLM Applications 2025', '**Notes**'))
    .filter((r) => /^LLM\d\d:2025$/.test(r[0] ?? ''))
    .map((r) => control(r[0] ?? '', r[1] ?? '')),
});

// 1b. OWASP LLM 2026 (listed as bullets in the notes)
const llm2026 = [...md.matchAll(/^\s+- (LLM\d\d:2026) (.+)$/gm)].map((m) =>
  control(m[1] ?? '', (m[2] ?? '').trim()),
);
catalogs.push({
  id: 'owasp-llm-2026',
  title: 'OWASP Top 10 for LLM Applications 2026',
  version: '2026',
  source: 'https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/tree/main/2026',
  controls: llm2026,
});

// 2. OWASP ML 2023
catalogs.push({
  id: 'owasp-ml-2023',
  title: 'OWASP Machine Learning Security Top 10',
  version: '2023',
  source: 'https://owasp.org/www-project-machine-learning-security-top-10/',
  controls: tableRows(between('## 2. OWASP Machine Learning Security Top 10', '**Notes**'))
    .filter((r) => /^ML\d\d:2023$/.test(r[0] ?? ''))
    .map((r) => control(r[0] ?? '', r[1] ?? '')),
});

// 6. OWASP Agentic 2026
catalogs.push({
  id: 'owasp-agentic-2026',
  title: 'OWASP Top 10 for Agentic Applications 2026',
  version: '2026',
  source: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
  controls: tableRows(between('## 6. OWASP Top 10 for Agentic Applications', '**Notes**'))
    .filter((r) => /^ASI\d\d$/.test(r[0] ?? ''))
    .map((r) => control(r[0] ?? '', r[1] ?? '')),
});

// 3. NIST AI 600-1: the suggested actions of §3.3, with their section's reason when unmapped
const nistSection = between(
  '### 3.3 Actions a cloud posture scanner could help evidence',
  '## 4. NIST AI RMF',
);
const sectionReasons: Record<string, string> = {
  A: "Inventory and deployment-gate policy: an organisational process (approval, documentation, halt plan) that cloud configuration does not show; aispm's inventory supports it but cannot attest the policy.",
  B: 'Provenance documentation and lineage practice: requires documents and process records beyond what cloud resource configuration holds.',
  C: 'Security testing / measurement programme (red-teaming, benchmarks, metrics, remediation-speed tracking): evidenced by test records and process, not by resource configuration.',
  D: 'Monitoring of outcomes, overrides and reported errors: an operational process whose evidence lives in ticketing and review records.',
  E: 'Content-level evaluation of generated output (harmful, unlawful, privacy regurgitation): evidenced by output testing, not by configuration.',
  F: 'Incident-response roles, plans and reporting: organisational procedures, not cloud configuration.',
  G: 'Third-party contracts, procurement due diligence and supplier monitoring: legal / procurement records outside the cloud control plane.',
};
const nistControls: FrameworkControl[] = [];
for (const part of nistSection.split(/\n\*\*(?=[A-G]\. )/).slice(1)) {
  const letter = part[0] ?? '';
  const title = part.slice(3, part.indexOf('**'));
  for (const r of tableRows(part)) {
    const id = r[0] ?? '';
    if (!/^(GV|MP|MS|MG)-\d+\.\d+-\d{3}$/.test(id)) continue;
    const gaiRisks = (r[2] ?? '')
      .split(',')
      .map((s) => s.replace(/\(.*\)/, '').trim())
      .filter(Boolean);
    nistControls.push(
      control(id, r[1] ?? '', { group: `${letter}. ${title}`, gaiRisks }, sectionReasons[letter]),
    );
  }
}
catalogs.push({
  id: 'nist-ai-600-1',
  title: 'NIST AI 600-1 Generative AI Profile (July 2024) — suggested actions',
  version: 'July 2024',
  source: 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.600-1.pdf',
  controls: nistControls,
});

// 5. MITRE ATLAS: the cloud-relevant techniques of §5.2, names from ATLAS.yaml (ids are canonical)
const atlas = yaml.load(readFileSync(atlasPath, 'utf8')) as {
  version: string;
  matrices: { techniques: { id: string; name: string }[] }[];
};
const atlasNames = new Map<string, string>();
for (const m of atlas.matrices) for (const t of m.techniques ?? []) atlasNames.set(t.id, t.name);
const atlasIds = new Set<string>();
for (const row of tableRows(
  between('### 5.2 Techniques most relevant to cloud-hosted AI', '**Later additions'),
)) {
  for (const id of (row[0] ?? '').matchAll(/AML\.T\d{4}(?:\.\d{3})?/g)) atlasIds.add(id[0]);
}
for (const id of mapped) if (id.startsWith('AML.')) atlasIds.add(id);
catalogs.push({
  id: 'mitre-atlas',
  title: 'MITRE ATLAS',
  version: `atlas-data 5.6.1 (file version ${atlas.version})`,
  source: 'https://github.com/mitre-atlas/atlas-data',
  controls: [...atlasIds]
    .filter((id) => atlasNames.has(id))
    .sort()
    .map((id) =>
      control(
        id,
        atlasNames.get(id) ?? id,
        {},
        'Adversary technique executed at run time (queries, payloads, social engineering); posture can evidence the configuration that enables it only where a rule maps it.',
      ),
    ),
});

// 7a. EU AI Act: the articles of the reference table; those no rule maps are organisational or legal duties.
const euAiActReasons: Record<string, string> = {
  'Art.4': 'AI literacy is evidenced by training records, not by cloud configuration.',
  'Art.5':
    'Whether a use case is a prohibited practice is a judgement about its purpose, which configuration does not show.',
  'Art.6':
    "Risk classification is a legal assessment of each system's intended purpose; aispm's inventory lists the systems to classify.",
  'Art.9':
    'The risk management system is a documented lifecycle process; aispm findings feed it but cannot attest it.',
  'Art.13': 'Instructions for use given to deployers are documents, not resource configuration.',
  'Art.16':
    "A provider's obligations are met by documents, conformity assessment and registration outside the cloud control plane.",
  'Art.17': 'The quality management system is an organisational process.',
  'Art.18':
    'Keeping documentation for ten years is a records-management duty outside the cloud control plane.',
  'Art.20': 'Corrective actions and informing authorities are procedures, not configuration.',
  'Art.27': 'The fundamental rights impact assessment is a document the deployer writes.',
  'Art.50':
    'Disclosure of AI interaction and marking of synthetic content happen in the application and its output.',
  'Art.53': "A general-purpose model provider's documentation and copyright duties are documents.",
  'Art.55':
    'Adversarial testing and incident reporting of systemic-risk models are programmes of the model provider.',
  'Art.72': 'Post-market monitoring is a plan and a process run by the provider.',
  'Art.73': 'Reporting serious incidents is a procedure with authorities.',
};
const euAiActSection = between('### 7a. EU AI Act', '**Notes**');
catalogs.push({
  id: 'eu-ai-act',
  title: 'EU AI Act (Regulation (EU) 2024/1689)',
  version: 'OJ L 2024/1689, 12.7.2024',
  source: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
  controls: tableRows(euAiActSection)
    .filter((r) => /^\d+$/.test(r[0] ?? ''))
    .map((r) => control(`Art.${r[0]}`, r[1] ?? '', {}, euAiActReasons[`Art.${r[0]}`])),
});

// 7b. ISO/IEC 42001:2023 Annex A: the controls (objectives' x.1 sub-clauses and the A.6.1 / A.6.2 headings excluded)
const isoSection = between('### 7b. ISO/IEC 42001:2023 Annex A', '---');
const isoControls: FrameworkControl[] = [];
let isoGroup = '';
for (const line of isoSection.split('\n')) {
  const objective = /^- \*\*(A\.\d+) (.+)\*\*$/.exec(line);
  if (objective) isoGroup = `${objective[1]} ${objective[2]}`;
  const item = /^\s+- (A\.\d+(?:\.\d+)+) ([^:]+)$/.exec(line);
  if (item)
    isoControls.push(
      control(
        item[1] ?? '',
        (item[2] ?? '').trim(),
        { group: isoGroup },
        'An AI management-system control met by policy, roles, assessments and records; cloud configuration does not show it.',
      ),
    );
}
catalogs.push({
  id: 'iso-42001',
  title: 'ISO/IEC 42001:2023 Annex A',
  version: '2023',
  source: 'https://www.iso.org/standard/81230.html',
  controls: isoControls,
});

for (const c of catalogs) {
  writeFileSync(join(here, '..', 'src', 'frameworks', `${c.id}.json`), `${JSON.stringify(c, null, 2)}\n`);
  console.log(
    `${c.id}: ${c.controls.length} controls, ${c.controls.filter((x) => !x.notEvidenceable).length} evidenced by rules`,
  );
}
