import { Module } from '@nestjs/common';

/** Risk signals and escalations to clinicians. */
@Module({})
export class EscalationModule {}
