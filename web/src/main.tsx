import { StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { Loading } from './components/loading';
import { fetchSignInConfig, type SignInConfig } from './features/auth/api/sign-in-config';
import { OidcClient, type OidcStart } from './features/auth/oidc-session';
import './styles/app.css';
import './styles/support.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root = createRoot(rootElement);

function render(props: ComponentProps<typeof App>): void {
  root.render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}

/**
 * Before the app shows anything: ask the server how people sign in here and, with OIDC, finish a
 * sign-in the provider has just sent back, or re-establish this tab's session after a reload
 * (silently, at the provider) before the first page renders.
 */
async function start(): Promise<void> {
  let config: SignInConfig | null;
  try {
    config = await fetchSignInConfig();
  } catch {
    config = null;
  }
  if (config?.method !== 'oidc') {
    render({ method: { config, oidc: null, problem: null } });
    return;
  }
  const oidc = new OidcClient(config.oidc);
  // The hidden renewal frame: the page that opened it reads this address; nothing runs here.
  if (oidc.isRenewalFrame()) return;
  root.render(<Loading what="Signing you in" />);
  const started: OidcStart = await oidc.start().catch(() => ({ kind: 'signed-out', returnTo: '/', ended: null, problem: 'failed' }) as const);
  if (started.kind === 'redirecting') return;
  // Off the callback address (its code and state are spent), to where the person was going.
  if (window.location.pathname === config.oidc.redirectPath) window.history.replaceState(null, '', started.returnTo);
  const method = { config, oidc, problem: started.kind === 'signed-out' ? (started.problem ?? null) : null };
  render(
    started.kind === 'signed-in'
      ? { initial: { session: started.session, ended: null }, method }
      : { initial: { session: null, ended: started.ended }, method },
  );
}

void start();
