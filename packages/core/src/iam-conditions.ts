/**
 * IAM condition operators that force a request to carry the key with a matching value: a call without the key, or
 * with any other value, does not match. Not `…IfExists` (a call without the key matches), not `StringNot…` /
 * `ArnNot…` (any other value matches), not `ForAllValues:` (true when the request has no value for the key).
 */
const FORCING_OPERATOR =
  /^(?:ForAnyValue:)?(?:StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/** Whether a condition with this operator lets through only requests naming a matching value of its key. */
export function conditionForcesKey(operator: string | undefined): boolean {
  return FORCING_OPERATOR.test(operator ?? '');
}
