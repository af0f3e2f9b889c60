import { Link } from 'react-router';
import { useMaturity, useSelfAssessment } from '../../api/hooks.ts';
import type { Maturity, MaturityCriterion, SelfAssessment } from '../../api/types.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { Card, PageHeader } from '../../components/ui.tsx';
import { AnswerBadge, AnswerForm, EvidenceList, ScoreTrend } from './parts.tsx';

function AssessmentCard({ data }: { data: SelfAssessment }) {
  return (
    <Card
      title="AI security self-assessment"
      actions={
        <span className={`badge band band--${data.band.id}`} data-testid="band">
          {data.band.title}
        </span>
      }
    >
      <p>
        Score <strong data-testid="score">{data.score}</strong> of {data.maxScore} (10 per “no” or unanswered,
        5 per “partly”; lower is better). {data.band.advice}
      </p>
      <table className="table" data-testid="assessment-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Question</th>
            <th>Answer</th>
            <th>Evidence</th>
          </tr>
        </thead>
        <tbody>
          {data.answers.map((a) => (
            <tr key={a.id} data-question={a.id}>
              <td className="num">{a.number}</td>
              <td>
                {a.question}
                <div className="muted small">{a.basis}</div>
              </td>
              <td>
                <AnswerBadge answer={a.answer} status={a.status} />
                <div className="muted small">{a.source === 'user' ? 'your answer' : 'from evidence'}</div>
              </td>
              <td>
                {a.source === 'user' ? (
                  <AnswerForm id={a.id} current={a.answer} note={a.userAnswer?.note ?? null} />
                ) : null}
                {a.source === 'platform' ? <EvidenceList items={a.evidence} /> : null}
                {a.userAnswer ? (
                  <div className="muted small">Answered by {a.userAnswer.answeredBy}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function CriteriaTable({ criteria }: { criteria: readonly MaturityCriterion[] }) {
  return (
    <table className="table table--compact">
      <tbody>
        {criteria.map((c) => (
          <tr key={c.id} data-criterion={c.id} data-met={c.met}>
            <td>{c.met ? '✓' : '✗'}</td>
            <td>
              {c.title}
              <div className="muted small">{c.evidence}</div>
            </td>
            <td>
              {c.source === 'user' ? (
                <AnswerForm
                  id={c.id}
                  current={c.userAnswer?.answer ?? null}
                  note={c.userAnswer?.note ?? null}
                />
              ) : (
                <span className="muted small">from evidence</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MaturityCard({ data }: { data: Maturity }) {
  return (
    <Card title="Maturity stage">
      <p className="stage" data-testid="stage">
        Stage <strong>{data.stage}</strong> of 4 · {data.name}
      </p>
      {data.next ? (
        <>
          <h3>
            To reach stage {data.next.stage} ({data.next.name}): {data.next.missing.length} missing,{' '}
            {data.next.met.length} met
          </h3>
          <CriteriaTable criteria={[...data.next.missing, ...data.next.met]} />
        </>
      ) : (
        <p>Every criterion of every stage is met.</p>
      )}
      <details>
        <summary>All criteria</summary>
        {[2, 3, 4].map((s) => (
          <div key={s}>
            <h3>Stage {s}</h3>
            <CriteriaTable criteria={data.criteria.filter((c) => c.stage === s)} />
          </div>
        ))}
      </details>
    </Card>
  );
}

export default function GovernancePage() {
  const assessment = useSelfAssessment();
  const maturity = useMaturity();
  return (
    <>
      <PageHeader
        title="Governance"
        subtitle="The AI security self-assessment and maturity stage, answered from the graph and the findings"
        actions={
          <Link className="btn" to="/governance/report" target="_blank">
            Printable report
          </Link>
        }
      />
      <div className="grid grid--wide-narrow">
        <QueryState query={maturity}>{(data) => <MaturityCard data={data} />}</QueryState>
        <Card title="Score across evaluations">
          <QueryState query={assessment}>{(data) => <ScoreTrend points={data.trend} />}</QueryState>
        </Card>
      </div>
      <QueryState query={assessment}>{(data) => <AssessmentCard data={data} />}</QueryState>
    </>
  );
}
