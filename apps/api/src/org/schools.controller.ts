import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type DistrictSummary,
  type SchoolSummary,
  DistrictSummarySchema,
  ROUTES,
  SchoolSummaryListSchema,
  SchoolSummarySchema,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { CreateSchoolDto, SetStepNotesDto, SwitchPathDto, UpdateDistrictDto, UpdateSchoolDto } from './dto/school.dto';
import { SchoolPathService } from './school-path.service';
import { SchoolsService } from './schools.service';
import { Responds } from '../common/contract/responds.decorator';

@ApiTags('schools')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class SchoolsController {
  constructor(
    private readonly schools: SchoolsService,
    private readonly schoolPath: SchoolPathService,
  ) {}

  @Get(ROUTES.districts.one)
  @Responds(DistrictSummarySchema)
  @ApiNotFoundResponse({ description: 'Not the caller’s district, or the caller is not a district admin.' })
  getDistrict(@Auth() auth: AuthContext, @UuidParam('districtId') districtId: string): Promise<DistrictSummary> {
    return this.schools.getDistrict(auth, districtId);
  }

  @Patch(ROUTES.districts.one)
  @Responds(DistrictSummarySchema)
  updateDistrict(
    @Auth() auth: AuthContext,
    @UuidParam('districtId') districtId: string,
    @Body() dto: UpdateDistrictDto,
  ): Promise<DistrictSummary> {
    return this.schools.updateDistrict(auth, districtId, dto);
  }

  @Get(ROUTES.schools.list)
  @Responds(SchoolSummaryListSchema, { description: 'The schools the caller can see.' })
  list(@Auth() auth: AuthContext): Promise<SchoolSummary[]> {
    return this.schools.list(auth);
  }

  @Post(ROUTES.schools.list)
  @Responds(SchoolSummarySchema, { status: HttpStatus.CREATED })
  @ApiForbiddenResponse({ description: 'Only a district admin adds schools.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateSchoolDto): Promise<SchoolSummary> {
    return this.schools.create(auth, dto);
  }

  @Get(ROUTES.schools.one)
  @Responds(SchoolSummarySchema)
  @ApiNotFoundResponse()
  get(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string): Promise<SchoolSummary> {
    return this.schools.get(auth, schoolId);
  }

  @Patch(ROUTES.schools.one)
  @Responds(SchoolSummarySchema)
  @ApiForbiddenResponse({ description: 'Only a district admin renames schools.' })
  update(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: UpdateSchoolDto,
  ): Promise<SchoolSummary> {
    return this.schools.update(auth, schoolId, dto);
  }

  @Post(ROUTES.schools.path)
  @HttpCode(HttpStatus.OK)
  @Responds(SchoolSummarySchema, {
    description:
      'Puts the school on another onboarding path. Every event, snapshot and report of the old path stays (each names its path); ' +
      'everyone’s steps start at not_started on the new path and chat memberships start anew (the chats are archived and created again); ' +
      'opt-outs and parents’ links stay.',
  })
  @ApiForbiddenResponse({ description: 'A teacher: only the school’s admin or the district admin chooses the path.' })
  @ApiConflictResponse({ description: 'The school is on that path already.' })
  switchPath(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: SwitchPathDto,
  ): Promise<SchoolSummary> {
    return this.schoolPath.switchPath(auth, schoolId, dto);
  }

  @Put(ROUTES.schools.stepNotes)
  @Responds(SchoolSummarySchema, {
    description: 'The school’s own notes per step, shown to its parents on the page and the letter.',
  })
  @ApiForbiddenResponse({ description: 'A teacher.' })
  setStepNotes(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() dto: SetStepNotesDto,
  ): Promise<SchoolSummary> {
    return this.schoolPath.setStepNotes(auth, schoolId, dto);
  }
}
