import { Controller, Get, Header } from '@nestjs/common';
import { AppConfig, OidcClientSettings } from '../../config/app-config';

/** What `GET /auth/config` answers: everything in it is public (the web app is a public client with PKCE). */
export type SignInConfig =
  | { method: 'oidc'; oidc: OidcClientSettings }
  /** The demo-member picker: development and tests only. */
  | { method: 'dev' }
  /** Production without OIDC: the web app cannot sign anyone in (the API still takes tokens obtained elsewhere). */
  | { method: 'none' };

/**
 * Tells the web app, before anyone signs in, which sign-in this server offers and the identity
 * provider's public settings, so one build of the app serves every deployment. Never a secret:
 * anyone may read it.
 */
@Controller('auth')
export class SignInConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get('config')
  // A new deployment's settings apply at the next page load, never from a stale cache.
  @Header('cache-control', 'no-store')
  signInConfig(): SignInConfig {
    const { signIn } = this.config;
    switch (signIn.method) {
      case 'oidc':
        return { method: 'oidc', oidc: { ...signIn.oidc } };
      case 'dev':
      case 'none':
        return { method: signIn.method };
    }
  }
}
