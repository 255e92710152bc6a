import { Module } from '@nestjs/common';

/** In-app notifications for every member. */
@Module({})
export class NotificationsModule {}
