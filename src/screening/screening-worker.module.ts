import { Module } from '@nestjs/common';
import { ScreeningModule } from './screening.module';

/** The worker side of screening: the screen-post processor and the outbox sweeper. */
@Module({ imports: [ScreeningModule] })
export class ScreeningWorkerModule {}
