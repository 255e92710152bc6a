import { Module } from '@nestjs/common';

/** The peer specialists' queue: cases, claims, decisions. */
@Module({})
export class ModerationModule {}
