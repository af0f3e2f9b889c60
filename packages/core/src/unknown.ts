/**
 * A fact the scanner could not read (the read was denied, is not enabled in the region, or is unknown to the
 * endpoint). Distinct from false or absent: a rule that needs it reports "not evaluated", never "pass".
 */
export interface UnknownFact {
  readonly $unknown: string;
}

export function unknownFact(reason: string): UnknownFact {
  return { $unknown: reason };
}

export function isUnknownFact(value: unknown): value is UnknownFact {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $unknown?: unknown }).$unknown === 'string'
  );
}
