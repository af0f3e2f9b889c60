/**
 * IAM-style policy documents as aispm stores them: parsed JSON objects. IAM returns documents URL-encoded
 * (RFC 3986), S3 / KMS / Lambda / Organizations return plain JSON strings, OpenSearch Serverless returns
 * already-parsed documents; all end up the same here.
 */
export function parsePolicyDocument(doc: unknown): unknown {
  if (doc === undefined || doc === null || doc === '') return undefined;
  if (typeof doc !== 'string') return doc;
  const text = doc.trimStart().startsWith('{') || doc.trimStart().startsWith('[') ? doc : safeDecode(doc);
  try {
    return JSON.parse(text);
  } catch {
    return { unparseable: true };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}
