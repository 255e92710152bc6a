import { Module } from '@nestjs/common';
import { ModerationModule } from './moderation.module';

/** The worker side of moderation: case due-time timers. */
@Module({ imports: [ModerationModule] })
export class ModerationWorkerModule {}
