import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { AnnouncerProvider } from '../components/announcer';
import { useAuth } from '../features/auth/hooks/auth-provider';
import { clearAllDrafts } from '../features/forum/hooks/use-draft';
import { NotificationsLink } from '../features/notifications/components/notifications-link';
import { StaffLinks } from './staff';
import { useViewer } from './viewer';

/**
 * Every page's frame: a skip link, the header with "Need help now?" always visible (signed in or
 * not), who is signed in and sign out, one <main>. After each navigation focus moves to the new
 * page's heading, so keyboard and screen reader users start at the top of what changed.
 */
export function Shell({ children }: { children: ReactNode }) {
  const [location, navigate] = useLocation();
  const { signOut } = useAuth();
  const { viewer } = useViewer();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const container = main.current;
    if (!container) return undefined;
    // The new page may still be loading: focus <main> now, and its heading once it appears,
    // unless the person has moved focus somewhere else meanwhile.
    const focusHeading = () => {
      const heading = container.querySelector<HTMLElement>('[data-page-heading]');
      const focus = document.activeElement;
      if (heading && (focus === container || focus === document.body || !container.contains(focus))) heading.focus();
      return Boolean(heading);
    };
    container.focus();
    if (focusHeading()) return undefined;
    const observer = new MutationObserver(() => {
      if (focusHeading()) observer.disconnect();
    });
    observer.observe(container, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => observer.disconnect(), 3_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [location]);

  const onSignOut = async () => {
    clearAllDrafts();
    await signOut('signed-out');
    navigate('/sign-in');
  };

  return (
    <AnnouncerProvider>
      <a href="#main-content" className="skip-link">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner width-container">
          <Link href="/" className="header__service">
            Between Sessions
          </Link>
          <Link href="/help" className="header__help">
            Need help now?
          </Link>
        </div>
        {viewer ? (
          <div className="header__account width-container">
            <span>
              Signed in as <strong>{viewer.displayName}</strong>
            </span>
            <StaffLinks viewer={viewer} />
            <NotificationsLink href="/notifications" current={location === '/notifications'} />
            <Link href="/account" className="header__account-link" aria-current={location === '/account' ? 'page' : undefined}>
              Your account
            </Link>
            <button type="button" className="header__sign-out" onClick={() => void onSignOut()}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <div className="width-container">
        <main id="main-content" className="main" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p>
            Between Sessions is looked after by peer specialists from your program. It is not an emergency service: <Link href="/help">get help now</Link>.
          </p>
        </div>
      </footer>
    </AnnouncerProvider>
  );
}
