import type { FrameworkId } from '../types.ts';
import euAiAct from './eu-ai-act.json' with { type: 'json' };
import iso42001 from './iso-42001.json' with { type: 'json' };
import mitreAtlas from './mitre-atlas.json' with { type: 'json' };
import nistAi6001 from './nist-ai-600-1.json' with { type: 'json' };
import owaspAgentic2026 from './owasp-agentic-2026.json' with { type: 'json' };
import owaspLlm2025 from './owasp-llm-2025.json' with { type: 'json' };
import owaspLlm2026 from './owasp-llm-2026.json' with { type: 'json' };
import owaspMl2023 from './owasp-ml-2023.json' with { type: 'json' };

export interface FrameworkControl {
  id: string;
  title: string;
  /** Why a posture scanner cannot evidence this control (absent when a rule maps it). */
  notEvidenceable?: string;
  group?: string;
  gaiRisks?: string[];
}

export interface FrameworkCatalog {
  id: FrameworkId;
  title: string;
  version: string;
  source: string;
  controls: FrameworkControl[];
}

/** The framework catalogs: data generated from the reference file by scripts/build-frameworks.ts. */
export const FRAMEWORKS: readonly FrameworkCatalog[] = [
  owaspLlm2025,
  owaspLlm2026,
  owaspMl2023,
  owaspAgentic2026,
  nistAi6001,
  mitreAtlas,
  euAiAct,
  iso42001,
] as FrameworkCatalog[];
