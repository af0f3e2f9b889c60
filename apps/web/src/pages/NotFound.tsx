import { Link } from 'react-router';
import { EmptyState } from '../components/QueryState.tsx';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found">
      <Link to="/">Back to the overview</Link>
    </EmptyState>
  );
}
