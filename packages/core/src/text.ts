/**
 * Control characters in untrusted text (API input, cloud error messages). Postgres refuses NUL in text columns,
 * and the other C0 controls and DEL garble logs and terminals. Tab, LF and CR count as text where free text is
 * allowed (`allowLineBreaks`).
 */
function isControl(code: number, allowLineBreaks: boolean): boolean {
  if (code === 0x7f) return true;
  if (code >= 0x20) return false;
  return !(allowLineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d));
}

export function hasControlCharacter(text: string, options: { allowLineBreaks?: boolean } = {}): boolean {
  const allow = options.allowLineBreaks ?? false;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i), allow)) return true;
  return false;
}

/** The text with every control character but tab, LF and CR replaced by U+FFFD, so it stays readable. */
export function replaceControlCharacters(text: string): string {
  if (!hasControlCharacter(text, { allowLineBreaks: true })) return text;
  let out = '';
  for (const ch of text) out += isControl(ch.charCodeAt(0), true) ? '\ufffd' : ch;
  return out;
}
