import { Link } from 'wouter';
import { PageHeading } from '../../components/page-heading';
import { usePageTitle } from '../../lib/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>If you typed the web address, check it is correct.</p>
      <p>
        <Link href="/">Go to the spaces</Link> or <Link href="/help">get help now</Link>.
      </p>
    </>
  );
}
