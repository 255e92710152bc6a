import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DevSignInController } from './dev-sign-in.controller';

/**
 * GET /auth/dev/members and POST /auth/dev/sign-in for development, tests and the demo. The app
 * module does not even register it in production, so there the routes are plain 404s.
 */
@Module({ controllers: [DevSignInController] })
export class DevSignInModule {
  /** Where the configuration chose it: outside production, without OIDC, where the server verifies HS256 tokens with JWT_SECRET. */
  static isAvailable(config: AppConfig): boolean {
    return config.signIn.method === 'dev';
  }
}
