import { Module } from '@nestjs/common';

/** What both processes need of screening (e.g. the staff-only `Post.screening` field). */
@Module({})
export class ScreeningModule {}
