import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { HealthRepository } from './health.repository';
import { ReadinessRegistry } from './readiness';

const CHECK_TIMEOUT_MS = 2_000;

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('health/live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready when PostgreSQL and Redis answer and every registered component says so; each is named. */
  @Get('health/ready')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, { status: 'up' | 'down'; [key: string]: unknown }> = {};
    const run = async (name: string, probe: () => Promise<{ ok: boolean; details?: Record<string, unknown> }>) => {
      try {
        const result = await withTimeout(probe());
        checks[name] = { status: result.ok ? 'up' : 'down', ...result.details };
      } catch (error) {
        checks[name] = { status: 'down', error: error instanceof Error ? error.message : 'unavailable' };
      }
    };
    await Promise.all([
      run('postgres', async () => {
        await this.database.ping();
        return { ok: true };
      }),
      run('redis', async () => ({ ok: (await this.redis.ping()) === 'PONG' })),
      ...this.readiness.all().map((c) => run(c.name, () => c.check())),
    ]);
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}
