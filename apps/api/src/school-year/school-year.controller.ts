import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type NewYearPreview,
  type NewYearResult,
  NewYearPreviewSchema,
  NewYearResultSchema,
  ROUTES,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { NewYearDto, NewYearOptionsDto } from './new-year.dto';
import { SchoolYearService } from './school-year.service';
import { Responds } from '../common/contract/responds.decorator';

@ApiTags('school year')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class SchoolYearController {
  constructor(private readonly schoolYear: SchoolYearService) {}

  @Post(ROUTES.schools.newYearPreview)
  @HttpCode(HttpStatus.OK)
  @Responds(NewYearPreviewSchema, {
    description:
      'What «Новый учебный год» will do: each class moved up or archived, the new first grades. Writes nothing.',
  })
  @ApiForbiddenResponse({ description: 'A teacher: the school’s admins run the new year.' })
  preview(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: NewYearOptionsDto,
  ): Promise<NewYearPreview> {
    return this.schoolYear.preview(auth, schoolId, dto);
  }

  @Post(ROUTES.schools.newYear)
  @HttpCode(HttpStatus.OK)
  @Responds(NewYearResultSchema, {
    description:
      'Moves the school to the next academic year in one transaction: classes up a grade with their students, leaving grades archived ' +
      '(their personal data erased after erasureDays by the daily job), new first grades, the classes’ chats anew, links extended.',
  })
  @ApiConflictResponse({ description: 'The school has already started that year.' })
  run(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: NewYearDto,
  ): Promise<NewYearResult> {
    return this.schoolYear.run(auth, schoolId, dto);
  }
}
