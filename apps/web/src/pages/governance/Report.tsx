import { useMaturity, useMe, useSelfAssessment } from '../../api/hooks.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { AnswerBadge, ScoreTrend } from './parts.tsx';

/**
 * The one-page report for a board or an auditor: the self-assessment, the maturity stage and the trend, laid out
 * for A4 by the print rules in styles.css (`.report`). Outside the dashboard shell so it prints alone.
 */
export default function GovernanceReportPage() {
  const assessment = useSelfAssessment();
  const maturity = useMaturity();
  const me = useMe();
  return (
    <article className="report" data-testid="governance-report">
      <header className="report__header">
        <div>
          <h1>AI security self-assessment</h1>
          <p className="muted">
            {me.data?.tenant.name ?? ''} · {new Date().toISOString().slice(0, 10)} · aispm
          </p>
        </div>
        <button type="button" className="btn no-print" onClick={() => window.print()}>
          Print
        </button>
      </header>
      <QueryState query={assessment}>
        {(a) => (
          <>
            <section className="report__summary">
              <div>
                <div className="report__big" data-testid="report-score">
                  {a.score}
                </div>
                <div className="muted">score of {a.maxScore} (lower is better)</div>
              </div>
              <div>
                <div className="report__big">{a.band.title}</div>
                <div className="muted">{a.band.advice}</div>
              </div>
              <QueryState query={maturity}>
                {(m) => (
                  <div>
                    <div className="report__big" data-testid="report-stage">
                      Stage {m.stage} · {m.name}
                    </div>
                    <div className="muted">
                      {m.next
                        ? `next: ${m.next.name}, ${m.next.missing.length} criteria missing`
                        : 'fully governed'}
                    </div>
                  </div>
                )}
              </QueryState>
            </section>
            <table className="report__table">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Question</th>
                  <th>Answer</th>
                  <th>Evidence</th>
                </tr>
              </thead>
              <tbody>
                {a.answers.map((q) => (
                  <tr key={q.id} data-question={q.id}>
                    <td>{q.number}</td>
                    <td>{q.question}</td>
                    <td>
                      <AnswerBadge answer={q.answer} status={q.status} />
                    </td>
                    <td className="small">
                      {q.source === 'user'
                        ? q.userAnswer
                          ? `Answered by ${q.userAnswer.answeredBy}${q.userAnswer.note ? `: ${q.userAnswer.note}` : ''}`
                          : 'Not answered yet'
                        : q.evidence.length === 0
                          ? 'No open finding stands against this'
                          : q.evidence
                              .slice(0, 3)
                              .map((e) => `${e.label}: ${e.count}`)
                              .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <QueryState query={maturity}>
              {(m) =>
                m.next ? (
                  <section>
                    <h2>
                      Missing for stage {m.next.stage} ({m.next.name})
                    </h2>
                    <ul className="small">
                      {m.next.missing.map((c) => (
                        <li key={c.id}>
                          {c.title} — <span className="muted">{c.evidence}</span>
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null
              }
            </QueryState>
            <section>
              <h2>Score across evaluations</h2>
              <ScoreTrend points={a.trend} />
            </section>
          </>
        )}
      </QueryState>
    </article>
  );
}
