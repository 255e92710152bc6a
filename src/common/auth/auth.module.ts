import { Module } from '@nestjs/common';
import { SignInConfigController } from './sign-in-config.controller';
import { TokenVerifier } from './token-verifier';

/** Token verification for every feature (imported globally), and the web app's sign-in settings over HTTP. */
@Module({ controllers: [SignInConfigController], providers: [TokenVerifier], exports: [TokenVerifier] })
export class AuthModule {}
