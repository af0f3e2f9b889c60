import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Evaluation } from '../api/types.ts';
import { SEVERITY_ORDER, severityRank } from '../lib/format.ts';
import { trendPoints } from '../lib/trend.ts';

const SEVERITY_COLOR: Record<string, string> = {
  critical: 'var(--sev-critical)',
  high: 'var(--sev-high)',
  medium: 'var(--sev-medium)',
  low: 'var(--sev-low)',
  info: 'var(--sev-info)',
};

export default function TrendChart({ evaluations }: { evaluations: readonly Evaluation[] }) {
  const data = trendPoints(evaluations);
  return (
    <div className="chart" role="img" aria-label="Open findings by severity across evaluations">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="at" tick={{ fontSize: 11, fill: 'var(--text-muted)' }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'var(--text-muted)' }} />
          <Tooltip contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => severityRank(String(item.value))} />
          {SEVERITY_ORDER.slice(0, 4).map((s) => (
            <Line
              key={s}
              type="monotone"
              dataKey={s}
              stroke={SEVERITY_COLOR[s]}
              strokeWidth={2}
              dot={data.length < 30}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
