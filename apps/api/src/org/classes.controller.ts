import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SESSION_COOKIE, type SchoolClassSummary } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ClassesService } from './classes.service';
import {
  CreateClassDto,
  ListClassesQueryDto,
  SchoolClassSummaryDto,
  SetClassTeachersDto,
  SetParentInfoDto,
  UpdateClassDto,
} from './dto/school-class.dto';

@ApiTags('classes')
@ApiCookieAuth(SESSION_COOKIE)
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @ApiOkResponse({ type: [SchoolClassSummaryDto], description: 'A teacher gets the classes they lead.' })
  list(@Auth() auth: AuthContext, @Query() query: ListClassesQueryDto): Promise<SchoolClassSummary[]> {
    return this.classes.list(auth, query);
  }

  @Post()
  @ApiCreatedResponse({ type: SchoolClassSummaryDto })
  @ApiForbiddenResponse({ description: 'Teachers do not add classes.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateClassDto): Promise<SchoolClassSummary> {
    return this.classes.create(auth, dto);
  }

  @Get(':classId')
  @ApiOkResponse({ type: SchoolClassSummaryDto })
  @ApiNotFoundResponse({ description: 'Also for a class a teacher does not lead.' })
  get(@Auth() auth: AuthContext, @UuidParam('classId') classId: string): Promise<SchoolClassSummary> {
    return this.classes.get(auth, classId);
  }

  @Patch(':classId')
  @ApiOkResponse({ type: SchoolClassSummaryDto })
  update(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: UpdateClassDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.update(auth, classId, dto);
  }

  @Put(':classId/parent-info')
  @ApiOkResponse({ type: SchoolClassSummaryDto, description: 'The class teacher’s contact and the deadline, for the parents’ page and letters.' })
  setParentInfo(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: SetParentInfoDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.setParentInfo(auth, classId, dto);
  }

  @Put(':classId/teachers')
  @ApiOkResponse({ type: SchoolClassSummaryDto })
  setTeachers(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: SetClassTeachersDto,
  ): Promise<SchoolClassSummary> {
    return this.classes.setTeachers(auth, classId, dto.teacherIds);
  }
}
