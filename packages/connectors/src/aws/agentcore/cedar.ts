/**
 * A deliberately small reading of AgentCore Policy's Cedar statements: enough to tell the one form that permits
 * every tool call of every caller — `permit (principal, action, resource);` with no condition — from policies that
 * are scoped or conditional. It is not a Cedar evaluator: a statement it cannot take apart (unbalanced brackets,
 * block comments, several policies in one statement, a condition that is literally always true, Dogwood's temporal
 * blocks …) is `unknown`, so a policy it does not understand can never make an engine look safe.
 */

export type CedarReading =
  | { verdict: 'permit-all' }
  /** Parsed: a forbid, or a permit with a constrained scope or a condition. */
  | { verdict: 'scoped'; effect: 'permit' | 'forbid' }
  | { verdict: 'unknown'; reason: string };

const SCOPE_VARIABLES = ['principal', 'action', 'resource'] as const;

class Unparsable extends Error {}

/** Removes `//` comments (outside string literals); Cedar has no other comment form, so `/*` cannot be read. */
function stripComments(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '"') {
      const end = stringEnd(src, i);
      out += src.slice(i, end + 1);
      i = end;
    } else if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && src[i + 1] === '*') {
      throw new Unparsable('a block comment (not Cedar)');
    } else out += ch;
  }
  return out;
}

/** The index of the quote closing the string literal that opens at `start`. */
function stringEnd(src: string, start: number): number {
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '"') return i;
  }
  throw new Unparsable('an unterminated string literal');
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The index of the bracket closing the one at `open`, skipping strings and nested brackets of every kind. */
function closing(src: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '"') i = stringEnd(src, i);
    else if (CLOSERS[ch]) stack.push(CLOSERS[ch]);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) throw new Unparsable('unbalanced brackets');
      if (stack.length === 0) return i;
    }
  }
  throw new Unparsable('an unclosed bracket');
}

/** Splits a scope at its top-level commas. */
function splitTopLevel(src: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '"') i = stringEnd(src, i);
    else if (CLOSERS[ch]) i = closing(src, i);
    else if (ch === ',') {
      parts.push(src.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(src.slice(from));
  return parts.map((p) => p.trim());
}

/** Whether a scope element is its bare variable (true) or a constraint on it (false); else unparsable. */
function bareScope(element: string, variable: (typeof SCOPE_VARIABLES)[number]): boolean {
  if (element === variable) return true;
  const m = new RegExp(`^${variable}\\s*(==|\\bin\\b|\\bis\\b)\\s*(\\S[\\s\\S]*)$`).exec(element);
  if (!m) throw new Unparsable(`a ${variable} scope it cannot read`);
  return false;
}

/** Reads one Cedar policy statement (see the module comment for what counts as what). */
export function readCedar(statement: unknown): CedarReading {
  if (typeof statement !== 'string') return { verdict: 'unknown', reason: 'no Cedar statement' };
  try {
    return readPolicy(stripComments(statement));
  } catch (error) {
    if (error instanceof Unparsable) return { verdict: 'unknown', reason: error.message };
    throw error;
  }
}

function readPolicy(src: string): CedarReading {
  let rest = src.trim();
  // Annotations (`@id("…")`) carry no authorization meaning.
  for (let m = /^@[A-Za-z_]\w*\s*\(/.exec(rest); m; m = /^@[A-Za-z_]\w*\s*\(/.exec(rest)) {
    rest = rest.slice(closing(rest, m[0].length - 1) + 1).trim();
  }
  const effect = /^(permit|forbid)\s*\(/.exec(rest);
  if (!effect) throw new Unparsable('no permit or forbid effect');
  const open = (effect[0] as string).length - 1;
  const close = closing(rest, open);
  const scope = splitTopLevel(rest.slice(open + 1, close));
  if (scope.length !== 3) throw new Unparsable('a scope without exactly principal, action and resource');
  const bare = SCOPE_VARIABLES.map((v, i) => bareScope(scope[i] as string, v));
  rest = rest.slice(close + 1).trim();
  let conditions = 0;
  for (let m = /^(when|unless)\s*\{/.exec(rest); m; m = /^(when|unless)\s*\{/.exec(rest)) {
    const end = closing(rest, (m[0] as string).length - 1);
    const body = rest.slice((m[0] as string).length, end).trim();
    if (body === '') throw new Unparsable('an empty condition');
    // A condition that always holds adds nothing: the policy is then as broad as its scope, which we leave unsaid.
    if ((m[1] === 'when' && body === 'true') || (m[1] === 'unless' && body === 'false'))
      throw new Unparsable('a condition that always holds');
    conditions++;
    rest = rest.slice(end + 1).trim();
  }
  if (rest !== ';') throw new Unparsable(rest.startsWith(';') ? 'more than one policy' : 'no closing ";"');
  const kind = effect[1] as 'permit' | 'forbid';
  if (kind === 'permit' && conditions === 0 && bare.every(Boolean)) return { verdict: 'permit-all' };
  return { verdict: 'scoped', effect: kind };
}
