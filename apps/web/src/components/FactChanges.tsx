/** `fact: from → to` lines of a changed asset. */
export function FactChanges({ facts }: { facts: Record<string, { from?: unknown; to?: unknown }> }) {
  return (
    <ul className="fact-changes">
      {Object.entries(facts).map(([key, c]) => (
        <li key={key}>
          <span className="mono">{key}</span>: <span className="mono">{JSON.stringify(c.from ?? null)}</span>{' '}
          → <span className="mono">{JSON.stringify(c.to ?? null)}</span>
        </li>
      ))}
    </ul>
  );
}
