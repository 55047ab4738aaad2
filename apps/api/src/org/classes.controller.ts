import { HttpStatus, Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type SchoolClassSummary,
  ROUTES,
  SchoolClassSummaryListSchema,
  SchoolClassSummarySchema,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ClassesService } from './classes.service';
import {
  CreateClassDto,
  ListClassesQueryDto,
  SetClassTeachersDto,
  SetParentInfoDto,
  UpdateClassDto,
} from './dto/school-class.dto';
import { Responds } from '../common/contract/responds.decorator';

@ApiTags('classes')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get(ROUTES.classes.list)
  @Responds(SchoolClassSummaryListSchema, { description: 'A teacher gets the classes they lead.' })
  list(@Auth() auth: AuthContext, @Query() query: ListClassesQueryDto): Promise<SchoolClassSummary[]> {
    return this.classes.list(auth, query);
  }

  @Post(ROUTES.classes.list)
  @Responds(SchoolClassSummarySchema, { status: HttpStatus.CREATED })
  @ApiForbiddenResponse({ description: 'Teachers do not add classes.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateClassDto): Promise<SchoolClassSummary> {
    return this.classes.create(auth, dto);
  }

  @Get(ROUTES.classes.one)
  @Responds(SchoolClassSummarySchema)
  @ApiNotFoundResponse({ description: 'Also for a class a teacher does not lead.' })
  get(@Auth() auth: AuthContext, @UuidParam('classId') classId: string): Promise<SchoolClassSummary> {
    return this.classes.get(auth, classId);
  }

  @Patch(ROUTES.classes.one)
  @Responds(SchoolClassSummarySchema)
  update(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: UpdateClassDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.update(auth, classId, dto);
  }

  @Put(ROUTES.classes.parentInfo)
  @Responds(SchoolClassSummarySchema, {
    description: 'The class teacher’s contact and the deadline, for the parents’ page and letters.',
  })
  setParentInfo(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: SetParentInfoDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.setParentInfo(auth, classId, dto);
  }

  @Put(ROUTES.classes.teachers)
  @Responds(SchoolClassSummarySchema)
  setTeachers(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: SetClassTeachersDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.setTeachers(auth, classId, dto.teacherIds);
  }
}
