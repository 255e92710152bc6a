import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'wouter';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { usePageTitle } from '../lib/use-page-title';
import './staff.css';
import type { Viewer } from './viewer';

/**
 * The staff workspaces in the app shell. They load as their own chunk (React.lazy), so a client's
 * first load never carries them; the server refuses a client's staff queries regardless (FORBIDDEN).
 */
const ModerationQueuePage = lazy(() => import('./pages/moderation-pages').then((m) => ({ default: m.ModerationQueuePage })));
const ModerationCasePage = lazy(() => import('./pages/moderation-pages').then((m) => ({ default: m.ModerationCasePage })));
const InsightsPage = lazy(() => import('./pages/insights-page').then((m) => ({ default: m.InsightsPage })));

const MODERATORS = new Set(['PEER_SPECIALIST', 'CLINICIAN', 'ADMIN']);

export function canModerate(viewer: Viewer): boolean {
  return MODERATORS.has(viewer.role);
}

/** Where a member lands after signing in: peer specialists in their queue, everyone else in the spaces. */
export function homeOf(viewer: Viewer): string {
  return viewer.role === 'PEER_SPECIALIST' ? '/moderation' : '/';
}

function NotForYou() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        <Link href="/">Go to the spaces</Link> or <Link href="/help">get help now</Link>.
      </p>
    </>
  );
}

function Workspace({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  if (!canModerate(viewer)) return <NotForYou />;
  return <Suspense fallback={<Loading what="Loading the workspace" />}>{children}</Suspense>;
}

export function ModerationQueueRoute({ viewer }: { viewer: Viewer }) {
  return (
    <Workspace viewer={viewer}>
      <ModerationQueuePage viewer={viewer} />
    </Workspace>
  );
}

export function ModerationCaseRoute({ viewer, caseId }: { viewer: Viewer; caseId: string }) {
  return (
    <Workspace viewer={viewer}>
      <ModerationCasePage viewer={viewer} caseId={caseId} />
    </Workspace>
  );
}

export function InsightsRoute({ viewer }: { viewer: Viewer }) {
  return (
    <Workspace viewer={viewer}>
      <InsightsPage />
    </Workspace>
  );
}

/** The header's links to the workspaces, for staff only: a client's header never shows them. */
export function StaffLinks({ viewer }: { viewer: Viewer | null }) {
  if (!viewer || !canModerate(viewer)) return null;
  return (
    <nav aria-label="Staff" className="header__staff">
      <Link href="/moderation">Moderation queue</Link>
      <Link href="/spaces">Spaces</Link>
      <Link href="/insights">Insights</Link>
    </nav>
  );
}
