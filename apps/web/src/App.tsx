import { useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { clearToken, getToken, UNAUTHORIZED_EVENT } from './api/client.ts';
import { useMe } from './api/hooks.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Loading } from './components/QueryState.tsx';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { OverviewPage } from './pages/Overview.tsx';

// Only the landing pages are in the entry chunk; every other page (and its libraries: React Flow + dagre
// for the graph pages, TanStack Table for findings) loads when first visited.
const AssetDetailPage = lazy(() => import('./pages/AssetDetail.tsx'));
const AttackPathsPage = lazy(() => import('./pages/AttackPaths.tsx'));
const FindingsPage = lazy(() => import('./pages/Findings.tsx').then((m) => ({ default: m.FindingsPage })));
const FindingDetailPage = lazy(() =>
  import('./pages/FindingDetail.tsx').then((m) => ({ default: m.FindingDetailPage })),
);
const InventoryPage = lazy(() => import('./pages/Inventory.tsx').then((m) => ({ default: m.InventoryPage })));
const AssetListPage = lazy(() => import('./pages/Inventory.tsx').then((m) => ({ default: m.AssetListPage })));
const CompliancePage = lazy(() =>
  import('./pages/Compliance.tsx').then((m) => ({ default: m.CompliancePage })),
);
const FrameworkPage = lazy(() =>
  import('./pages/Compliance.tsx').then((m) => ({ default: m.FrameworkPage })),
);
const RulesPage = lazy(() => import('./pages/Rules.tsx').then((m) => ({ default: m.RulesPage })));
const ScansPage = lazy(() => import('./pages/Scans.tsx').then((m) => ({ default: m.ScansPage })));
const ScanDetailPage = lazy(() => import('./pages/Scans.tsx').then((m) => ({ default: m.ScanDetailPage })));
const ChangesPage = lazy(() => import('./pages/Changes.tsx'));
const GovernancePage = lazy(() => import('./pages/governance/Governance.tsx'));
const GovernanceReportPage = lazy(() => import('./pages/governance/Report.tsx'));
const SettingsPage = lazy(() => import('./pages/Settings.tsx').then((m) => ({ default: m.SettingsPage })));

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/inventory', label: 'Inventory', end: false },
  { to: '/findings', label: 'Findings', end: false },
  { to: '/attack-paths', label: 'Attack paths', end: false },
  { to: '/compliance', label: 'Compliance', end: false },
  { to: '/governance', label: 'Governance', end: false },
  { to: '/rules', label: 'Rules', end: false },
  { to: '/scans', label: 'Scans', end: false },
  { to: '/settings', label: 'Settings', end: false },
];

function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (!getToken()) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}

function Identity() {
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const tenant = me.data?.tenant.name ?? '';
  return (
    <div className="identity">
      {me.data ? (
        <>
          <div className="identity__name" title={tenant}>
            {me.data.name}
          </div>
          <div className="identity__meta">
            {tenant} · {me.data.role}
          </div>
        </>
      ) : (
        <div className="identity__meta">…</div>
      )}
      <button
        type="button"
        className="btn btn--ghost btn--small"
        onClick={() => {
          clearToken();
          client.clear();
          navigate('/login');
        }}
      >
        Sign out
      </button>
    </div>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>
          aispm
        </div>
        <nav className="nav" aria-label="Main">
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.end}
              className={({ isActive }) => `nav__link ${isActive ? 'is-active' : ''}`}
            >
              {item.label}
            </NavLink>
          ))}
        </nav>
        <Identity />
      </aside>
      <main className="content">
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading label="Loading page…" />}>{children}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

export function App() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    const onUnauthorized = () => {
      client.clear();
      navigate('/login?expired=1', { replace: true });
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [navigate, client]);

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/governance/report"
        element={
          <RequireAuth>
            <Suspense fallback={<Loading label="Loading report…" />}>
              <GovernanceReportPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="*"
        element={
          <RequireAuth>
            <Shell>
              <Routes>
                <Route index element={<OverviewPage />} />
                <Route path="inventory" element={<InventoryPage />} />
                <Route path="inventory/assets" element={<AssetListPage />} />
                <Route path="assets/:id" element={<AssetDetailPage />} />
                <Route path="findings" element={<FindingsPage />} />
                <Route path="findings/:id" element={<FindingDetailPage />} />
                <Route path="attack-paths" element={<AttackPathsPage />} />
                <Route path="attack-paths/:id" element={<AttackPathsPage />} />
                <Route path="compliance" element={<CompliancePage />} />
                <Route path="compliance/:id" element={<FrameworkPage />} />
                <Route path="governance" element={<GovernancePage />} />
                <Route path="rules" element={<RulesPage />} />
                <Route path="scans" element={<ScansPage />} />
                <Route path="scans/:id" element={<ScanDetailPage />} />
                <Route path="scans/:id/changes" element={<ChangesPage />} />
                <Route path="changes" element={<ChangesPage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Shell>
          </RequireAuth>
        }
      />
    </Routes>
  );
}
