import { BadRequestException, Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { signDevToken } from '../common/auth/dev-token';
import { Role } from '../common/domain/role.enum';
import { AppConfig } from '../config/app-config';
import { DEMO_MEMBERS } from './demo-members';

/** A working day: long enough for a demo, short enough that the app's expiry handling gets used. */
const DEV_SESSION_SECONDS = 8 * 3600;

export interface DevMemberView {
  sub: string;
  role: Role;
  displayName: string;
  about: string;
}

export interface DevSession {
  token: string;
  /** When the token expires (ISO 8601); the app signs the member out then. */
  expiresAt: string;
}

/**
 * The development sign-in the web app offers instead of the identity provider: pick a demo member,
 * get a token signed with JWT_SECRET, exactly like `npm run token`. Only the demo members can be
 * chosen, never an arbitrary subject. Registered only outside production (see DevSignInModule).
 */
@Controller('auth/dev')
export class DevSignInController {
  constructor(private readonly config: AppConfig) {}

  @Get('members')
  @Header('cache-control', 'no-store')
  members(): DevMemberView[] {
    return DEMO_MEMBERS.map((member) => ({ sub: member.sub, role: member.role, displayName: member.name, about: member.about }));
  }

  @Post('sign-in')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async signIn(@Body() body: unknown): Promise<DevSession> {
    const sub = typeof body === 'object' && body !== null && 'sub' in body ? body.sub : undefined;
    const member = DEMO_MEMBERS.find((m) => m.sub === sub);
    if (!member) throw new BadRequestException('Choose one of the demo members.');
    const secret = this.config.auth.secret;
    if (!secret) throw new BadRequestException('Development sign-in needs JWT_SECRET.');
    // An absolute `exp`, so the answer's expiresAt is exactly the token's.
    const exp = Math.floor(Date.now() / 1000) + DEV_SESSION_SECONDS;
    const token = await signDevToken(secret, { sub: member.sub, role: member.role, name: member.name, cohort: member.cohort }, exp);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }
}
