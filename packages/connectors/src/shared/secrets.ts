/**
 * Secret detection and redaction for text aispm keeps (agent instructions, notebook lifecycle scripts):
 * rules need the text, nobody needs the credential. Matches are replaced by `«redacted:<detector>»` and the
 * detector names are returned so a rule can say what was found without the value ever being stored.
 */
export interface SecretFinding {
  detector: string;
  field: string;
}

interface Detector {
  name: string;
  pattern: RegExp;
  /** Index of the capture group holding the secret; the rest of the match (e.g. `password=`) is kept. */
  group?: number;
}

// Order matters: specific token shapes first, so a GitHub token inside `token=…` is named as a GitHub token.
const DETECTORS: readonly Detector[] = [
  {
    name: 'private-key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  {
    name: 'aws-secret-key',
    pattern:
      /(\baws_?secret(?:_?access)?_?key\b["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 2,
  },
  {
    // "secret <40 chars>" in prose, as secrets get pasted into prompts.
    name: 'aws-secret-key',
    pattern:
      /(\bsecret(?:[ _-]?access)?(?:[ _-]?key)?(?:\s+is)?\s*[:=]?\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 2,
  },
  {
    // A bare 40-character AWS-secret-shaped value: mixed case, digits and at least one / or +.
    name: 'aws-secret-key',
    pattern:
      /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]{0,39}[/+])(?=[A-Za-z0-9/+=]{0,39}[a-z])(?=[A-Za-z0-9/+=]{0,39}[A-Z])(?=[A-Za-z0-9/+=]{0,39}[0-9])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g,
  },
  // user:password@ in URLs (git remotes, database URLs): the password goes, the rest of the URL stays useful.
  { name: 'url-credentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]{3,})(?=@)/gi, group: 2 },
  { name: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { name: 'openai-api-key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}\b/g },
  {
    name: 'generic-api-key',
    pattern:
      /(\b[A-Za-z0-9_.-]*(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|auth[_-]?key|access[_-]?key)\b["']?\s*[:=]\s*["']?)([^\s"'`,;&]{8,})/gi,
    group: 2,
  },
];

export function redactionMarker(detector: string): string {
  return `«redacted:${detector}»`;
}

const MARKER_PATTERN = /«redacted:[a-z0-9-]+»/;

/** Redacts every credential-looking value in `text`; `detectors` lists what was found (each name once). */
export function redactSecrets(text: string): { text: string; detectors: string[] } {
  const found = new Set<string>();
  let out = text;
  for (const d of DETECTORS) {
    out = out.replace(d.pattern, (match: string, ...groups: unknown[]) => {
      if (d.group === undefined) {
        found.add(d.name);
        return redactionMarker(d.name);
      }
      const secret = groups[d.group - 1] as string;
      // A value an earlier detector already redacted stays as it is.
      if (MARKER_PATTERN.test(secret) || secret.startsWith('«')) return match;
      found.add(d.name);
      return match.slice(0, match.length - secret.length) + redactionMarker(d.name);
    });
  }
  return { text: out, detectors: [...found] };
}

/**
 * Collects redacted text fields of one resource: `redact(field, text)` returns the redacted text and records a
 * finding per detector; `findings` is what goes into the asset's `secretFindings` property.
 */
export class SecretRedactor {
  readonly findings: SecretFinding[] = [];
  redact(field: string, text: string | undefined | null): string | undefined {
    if (text === undefined || text === null) return undefined;
    const r = redactSecrets(text);
    for (const detector of r.detectors) this.findings.push({ detector, field });
    return r.text;
  }
}

/** Environment variables keep their names only: values are where secrets live and aispm never stores them. */
export function environmentVariableNames(variables: Record<string, string> | undefined | null): string[] {
  return variables ? Object.keys(variables).sort() : [];
}

/** Base64 (as SageMaker lifecycle configs carry their scripts) → text; invalid input returns undefined. */
export function decodeBase64Text(content: string | undefined): string | undefined {
  if (!content) return undefined;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content)) return undefined;
  return Buffer.from(content, 'base64').toString('utf8');
}
