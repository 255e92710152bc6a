import { PageHeading } from '../../components/page-heading';
import { AccountSettings } from '../../features/account/components/account-settings';
import { usePageTitle } from '../../lib/use-page-title';
import type { Viewer } from '../viewer';

export function AccountPage({ viewer }: { viewer: Viewer }) {
  usePageTitle('Your account');
  return (
    <>
      <PageHeading>Your account</PageHeading>
      <AccountSettings displayName={viewer.displayName} canChooseName={viewer.role === 'CLIENT'} />
    </>
  );
}
