import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { ReadinessRegistry } from './readiness';

@Global()
@Module({ controllers: [HealthController], providers: [HealthRepository, ReadinessRegistry], exports: [ReadinessRegistry] })
export class HealthModule {}
