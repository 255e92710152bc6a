import { PageHeading } from '../../components/page-heading';
import { InsightsDashboard } from '../../features/insights/components/insights-dashboard';
import '../../features/insights/insights.css';
import '../../features/moderation/moderation.css';
import { usePageTitle } from '../../lib/use-page-title';

/** Loaded lazily (see staff.tsx): the Insights page, its charts (uPlot) and styles are their own chunk. */
export function InsightsPage() {
  usePageTitle('Insights');
  return (
    <div className="workspace">
      <PageHeading caption="Is the peer space working?">Insights</PageHeading>
      <InsightsDashboard />
    </div>
  );
}
