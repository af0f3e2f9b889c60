import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, useEffect } from 'react';
import { matchPath, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { clearToken, getToken, tokenWasRefused, UNAUTHORIZED_EVENT } from './api/client.ts';
import { findingsQuery, useMe } from './api/hooks.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Loading } from './components/QueryState.tsx';
import { parseFindingFilters } from './lib/filters.ts';
import { type LazyPage, lazyPage } from './lib/lazy-page.tsx';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { OverviewPage } from './pages/Overview.tsx';

// Only the landing pages are in the entry chunk; every other page (and its libraries: React Flow + dagre
// for the graph pages, TanStack Table for findings) loads when first visited, or before the first render when the
// app opens on it (`preloadPage`).
const AssetDetailPage = lazyPage(() => import('./pages/AssetDetail.tsx').then((m) => m.default));
const AttackPathsPage = lazyPage(() => import('./pages/AttackPaths.tsx').then((m) => m.default));
const FindingsPage = lazyPage(() => import('./pages/Findings.tsx').then((m) => m.FindingsPage));
const FindingDetailPage = lazyPage(() =>
  import('./pages/FindingDetail.tsx').then((m) => m.FindingDetailPage),
);
const InventoryPage = lazyPage(() => import('./pages/Inventory.tsx').then((m) => m.InventoryPage));
const AssetListPage = lazyPage(() => import('./pages/Inventory.tsx').then((m) => m.AssetListPage));
const CompliancePage = lazyPage(() => import('./pages/Compliance.tsx').then((m) => m.CompliancePage));
const FrameworkPage = lazyPage(() => import('./pages/Compliance.tsx').then((m) => m.FrameworkPage));
const RulesPage = lazyPage(() => import('./pages/Rules.tsx').then((m) => m.RulesPage));
const ScansPage = lazyPage(() => import('./pages/Scans.tsx').then((m) => m.ScansPage));
const ScanDetailPage = lazyPage(() => import('./pages/Scans.tsx').then((m) => m.ScanDetailPage));
const ChangesPage = lazyPage(() => import('./pages/Changes.tsx').then((m) => m.default));
const GovernancePage = lazyPage(() => import('./pages/governance/Governance.tsx').then((m) => m.default));
const GovernanceReportPage = lazyPage(() => import('./pages/governance/Report.tsx').then((m) => m.default));
const SettingsPage = lazyPage(() => import('./pages/Settings.tsx').then((m) => m.SettingsPage));

/** The pages inside the shell, by route (relative to `/`). */
const SHELL_PAGES: [path: string, page: LazyPage][] = [
  ['inventory', InventoryPage],
  ['inventory/assets', AssetListPage],
  ['assets/:id', AssetDetailPage],
  ['findings', FindingsPage],
  ['findings/:id', FindingDetailPage],
  ['attack-paths', AttackPathsPage],
  ['attack-paths/:id', AttackPathsPage],
  ['compliance', CompliancePage],
  ['compliance/:id', FrameworkPage],
  ['governance', GovernancePage],
  ['rules', RulesPage],
  ['scans', ScansPage],
  ['scans/:id', ScanDetailPage],
  ['scans/:id/changes', ChangesPage],
  ['changes', ChangesPage],
  ['settings', SettingsPage],
];

/**
 * Starts the data request of the page a URL opens on while its code loads, instead of after its first render: the
 * findings list (its first page, from the URL's filters) is the one that matters at a million findings.
 */
export function prefetchPageData(location: { pathname: string; search: string }, client: QueryClient): void {
  if (!getToken()) return;
  if (matchPath('/findings', location.pathname))
    void client.prefetchInfiniteQuery(
      findingsQuery(parseFindingFilters(new URLSearchParams(location.search)), undefined, {
        abortable: false,
      }),
    );
}

/** Loads the page a URL opens on (nothing for the entry chunk's pages), so the first render does not suspend. */
export function preloadPage(pathname: string): Promise<unknown> {
  if (matchPath('/governance/report', pathname)) return GovernanceReportPage.preload();
  const page = SHELL_PAGES.find(([path]) => matchPath(`/${path}`, pathname))?.[1];
  return page ? page.preload() : Promise.resolve();
}

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
    // Dropped by a refusal (a revoked token's first request, perhaps the start-up prefetch): say so.
    if (tokenWasRefused()) return <Navigate to="/login?expired=1" replace />;
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
    // A refusal that came before this listener (the start-up prefetch's 401 between first render and now).
    if (tokenWasRefused() && !getToken() && !window.location.pathname.startsWith('/login')) onUnauthorized();
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
                {SHELL_PAGES.map(([path, Page]) => (
                  <Route key={path} path={path} element={<Page />} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Shell>
          </RequireAuth>
        }
      />
    </Routes>
  );
}
