import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import {
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
import { CreateSchoolDto, DistrictSummaryDto, SchoolSummaryDto, UpdateDistrictDto, UpdateSchoolDto } from './dto/school.dto';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

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
}
