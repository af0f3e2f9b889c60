import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useAnswerGovernance } from '../../api/hooks.ts';
import type { AssessmentAnswer, GovernanceTrendPoint } from '../../api/types.ts';

const ANSWER_TONE: Record<string, string> = { yes: 'good', partly: 'warn', no: 'bad' };

/** yes / partly / no, or why there is no answer. */
export function AnswerBadge({ answer, status }: { answer: string | null; status?: string }) {
  const label = answer ?? (status === 'not-evaluated' ? 'not evaluated' : 'unanswered');
  return (
    <span className={`badge tone--${answer ? ANSWER_TONE[answer] : 'muted'}`} data-answer={answer ?? 'none'}>
      {label}
    </span>
  );
}

/** Lines of evidence behind an answer, with example assets. */
export function EvidenceList({ items }: { items: AssessmentAnswer['evidence'] }) {
  if (items.length === 0) return <p className="muted small">No finding stands against this.</p>;
  return (
    <ul className="evidence-list">
      {items.map((item) => (
        <li key={item.label}>
          {item.label}
          {item.count > 0 ? <strong> · {item.count}</strong> : null}
          {item.ruleIds?.length ? (
            <span className="muted small mono"> ({item.ruleIds.join(', ')})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The form a user answers a question the platform cannot see with. */
export function AnswerForm({
  id,
  current,
  note,
}: {
  id: string;
  current: string | null;
  note?: string | null;
}) {
  const mutation = useAnswerGovernance();
  const [answer, setAnswer] = useState(current ?? '');
  const [text, setText] = useState(note ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer !== 'yes' && answer !== 'no' && answer !== 'partly') return;
    mutation.mutate({ id, answer, ...(text.trim() ? { note: text.trim() } : {}) });
  };
  return (
    <form className="answer-form" onSubmit={submit} data-testid={`answer-form-${id}`}>
      <select
        name="answer"
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        aria-label="Your answer"
      >
        <option value="" disabled>
          Your answer…
        </option>
        <option value="yes">yes</option>
        <option value="partly">partly</option>
        <option value="no">no</option>
      </select>
      <input
        name="note"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Note (where the evidence is kept)"
      />
      <button type="submit" className="btn btn--small" disabled={!answer || mutation.isPending}>
        Save
      </button>
      {mutation.isError ? <span className="text-bad small">{errorMessage(mutation.error)}</span> : null}
    </form>
  );
}

/** The score across evaluations as a small inline chart (lower is better). */
export function ScoreTrend({ points }: { points: readonly GovernanceTrendPoint[] }) {
  if (points.length === 0) return <p className="muted small">No evaluation has recorded a score yet.</p>;
  const last = points[points.length - 1]!;
  const width = 320;
  const height = 80;
  const x = (i: number) => (points.length === 1 ? width / 2 : (i / (points.length - 1)) * (width - 16) + 8);
  const y = (score: number) => height - 8 - (score / 100) * (height - 16);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  return (
    <figure className="score-trend">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Self-assessment score across ${points.length} evaluations`}
        data-testid="score-trend"
      >
        <path d={line} fill="none" stroke="var(--accent)" strokeWidth={2} />
        {points.map((p, i) => (
          <circle key={p.evaluationId} cx={x(i)} cy={y(p.score)} r={3} fill="var(--accent)">
            <title>{`${new Date(p.at).toLocaleString()}: score ${p.score}, stage ${p.stage}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">
        {points.length} evaluation(s); latest {new Date(last.at).toISOString().slice(0, 16).replace('T', ' ')}
        : score {last.score}, stage {last.stage}
      </figcaption>
    </figure>
  );
}
