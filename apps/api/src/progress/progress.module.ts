import { Module } from '@nestjs/common';
import { ChatMembershipsRepository } from './chat-memberships.repository';
import { ClassCountersRepository } from './class-counters.repository';
import { HistoryRepository } from './history.repository';
import { PeopleViewRepository } from './people-view.repository';
import { MemberListsService } from './member-lists.service';
import { ProgressController } from './progress.controller';
import { ProgressRepository } from './progress.repository';
import { ProgressService } from './progress.service';

/** Steps, chat memberships, their history and the per-class counters. */
@Module({
  controllers: [ProgressController],
  providers: [
    ProgressService,
    ProgressRepository,
    HistoryRepository,
    MemberListsService,
    ClassCountersRepository,
    ChatMembershipsRepository,
    PeopleViewRepository,
  ],
  exports: [ProgressService, ClassCountersRepository, ChatMembershipsRepository, PeopleViewRepository],
})
export class ProgressModule {}
