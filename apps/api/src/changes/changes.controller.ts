import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type ClassChanges,
  type ClassOverviewList,
  type ClassSeen,
  ClassChangesSchema,
  ClassOverviewListSchema,
  ClassSeenSchema,
  ROUTES,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { Responds } from '../common/contract/responds.decorator';
import { UuidParam } from '../common/uuid-param.decorator';
import { ChangesService } from './changes.service';
import { ClassOverviewQueryDto, MarkClassSeenDto } from './dto/changes.dto';

@ApiTags('changes')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  @Get(ROUTES.classes.changes)
  @Responds(ClassChangesSchema, {
    description:
      'What families did since the caller last marked the class seen (the last 7 days on a first visit): steps marked, ' +
      'problems reported, opt-outs, as they still hold; the caller’s own changes left out. Records nothing.',
  })
  @ApiNotFoundResponse({ description: 'Also for a class a teacher does not lead.' })
  changesOf(@Auth() auth: AuthContext, @UuidParam('classId') classId: string): Promise<ClassChanges> {
    return this.changes.forClass(auth, classId);
  }

  @Put(ROUTES.classes.seen)
  @Responds(ClassSeenSchema, {
    description: 'Records that the caller has seen the class as of the summary’s asOf; repeating it changes nothing.',
  })
  markSeen(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: MarkClassSeenDto,
  ): Promise<ClassSeen> {
    return this.changes.markSeen(auth, classId, new Date(dto.seenAt));
  }

  @Get(ROUTES.classOverview.list)
  @Responds(ClassOverviewListSchema, {
    description:
      'The caller’s classes (a teacher’s own, an admin’s school or district) with students and parents connected of ' +
      'those taking part, the blocked and the opted-out, and how many families have news since the caller’s visit.',
  })
  overview(@Auth() auth: AuthContext, @Query() query: ClassOverviewQueryDto): Promise<ClassOverviewList> {
    return this.changes.overview(auth, query.schoolId ?? null);
  }
}
