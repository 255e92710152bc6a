import { PageHeading } from '../../components/page-heading';
import { CrisisResources } from '../../features/crisis-resources/components/crisis-resources';
import { usePageTitle } from '../../lib/use-page-title';

export function CrisisPage() {
  usePageTitle('Need help now?');
  return (
    <>
      <PageHeading>Need help now?</PageHeading>
      <CrisisResources />
    </>
  );
}
