import { Module } from '@nestjs/common';

/** Screening of every post revision; started in the worker only. */
@Module({})
export class ScreeningModule {}
