import { Module } from '@nestjs/common';
import { ProgressController } from './progress.controller';
import { MemberListsService } from './member-lists.service';
import { ProgressService } from './progress.service';

/** Steps, chat memberships, their history and the per-class counters. */
@Module({
  controllers: [ProgressController],
  providers: [ProgressService, MemberListsService],
  exports: [ProgressService],
})
export class ProgressModule {}
