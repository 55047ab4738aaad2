import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SESSION_COOKIE, type DistrictSummary, type SchoolSummary } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  CreateSchoolDto,
  DistrictSummaryDto,
  SchoolSummaryDto,
  SetStepNotesDto,
  SwitchPathDto,
  UpdateDistrictDto,
  UpdateSchoolDto,
} from './dto/school.dto';
import { SchoolPathService } from './school-path.service';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class SchoolsController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly schoolPath: SchoolPathService,
  ) {}

  @Get('districts/:districtId')
  @ApiOkResponse({ type: DistrictSummaryDto })
  @ApiNotFoundResponse({ description: 'Not the caller’s district, or the caller is not a district admin.' })
  getDistrict(@Auth() auth: AuthContext, @UuidParam('districtId') districtId: string): Promise<DistrictSummary> {
    return this.schools.getDistrict(auth, districtId);
  }

  @Patch('districts/:districtId')
  @ApiOkResponse({ type: DistrictSummaryDto })
  updateDistrict(
    @Auth() auth: AuthContext,
    @UuidParam('districtId') districtId: string,
    @Body() dto: UpdateDistrictDto,
  ): Promise<DistrictSummary> {
    return this.schools.updateDistrict(auth, districtId, dto);
  }

  @Get('schools')
  @ApiOkResponse({ type: [SchoolSummaryDto], description: 'The schools the caller can see.' })
  list(@Auth() auth: AuthContext): Promise<SchoolSummary[]> {
    return this.schools.list(auth);
  }

  @Post('schools')
  @ApiCreatedResponse({ type: SchoolSummaryDto })
  @ApiForbiddenResponse({ description: 'Only a district admin adds schools.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateSchoolDto): Promise<SchoolSummary> {
    return this.schools.create(auth, dto);
  }

  @Get('schools/:schoolId')
  @ApiOkResponse({ type: SchoolSummaryDto })
  @ApiNotFoundResponse()
  get(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string): Promise<SchoolSummary> {
    return this.schools.get(auth, schoolId);
  }

  @Patch('schools/:schoolId')
  @ApiOkResponse({ type: SchoolSummaryDto })
  @ApiForbiddenResponse({ description: 'Only a district admin renames schools.' })
  update(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: UpdateSchoolDto,
  ): Promise<SchoolSummary> {
    return this.schools.update(auth, schoolId, dto);
  }

  @Post('schools/:schoolId/path')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: SchoolSummaryDto,
    description:
      'Puts the school on another onboarding path. Every event, snapshot and report of the old path stays (each names its path); ' +
      'everyone’s steps start at not_started on the new path and chat memberships start anew (the chats are archived and created again); ' +
      'opt-outs and parents’ links stay.',
  })
  @ApiForbiddenResponse({ description: 'A teacher: only the school’s admin or the district admin chooses the path.' })
  @ApiConflictResponse({ description: 'The school is on that path already.' })
  switchPath(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string, @Body() dto: SwitchPathDto): Promise<SchoolSummary> {
    return this.schoolPath.switchPath(auth, schoolId, dto);
  }

  @Put('schools/:schoolId/step-notes')
  @ApiOkResponse({ type: SchoolSummaryDto, description: 'The school’s own notes per step, shown to its parents on the page and the letter.' })
  @ApiForbiddenResponse({ description: 'A teacher.' })
  setStepNotes(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string, @Body() dto: SetStepNotesDto): Promise<SchoolSummary> {
    return this.schoolPath.setStepNotes(auth, schoolId, dto);
  }
}
