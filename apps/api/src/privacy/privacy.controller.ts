import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  ClassErasureResultSchema,
  FamilyDataExportSchema,
  ROUTES,
  SchoolErasureResultSchema,
  type SchoolErasureResult,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { EraseSchoolDto } from './dto/erase-school.dto';
import { PrivacyService, type FamilyDataExport } from './privacy.service';
import { Responds, RespondsEmpty } from '../common/contract/responds.decorator';

@ApiTags('personal data')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get(ROUTES.families.personalData)
  @Responds(FamilyDataExportSchema, { description: 'Everything stored about the family (school and district admins).' })
  exportFamily(@Auth() auth: AuthContext, @UuidParam('familyId') familyId: string): Promise<FamilyDataExport> {
    return this.privacy.exportFamily(auth, familyId);
  }

  @Delete(ROUTES.families.one)
  @HttpCode(HttpStatus.NO_CONTENT)
  @RespondsEmpty({ description: 'The family, its people, their history and links are gone; the counts stay.' })
  eraseFamily(@Auth() auth: AuthContext, @UuidParam('familyId') familyId: string): Promise<void> {
    return this.privacy.eraseFamily(auth, familyId);
  }

  @Post(ROUTES.classes.eraseRoster)
  @HttpCode(HttpStatus.OK)
  @Responds(ClassErasureResultSchema, {
    description: 'End of year: the class’s students and the families left with no child are erased.',
  })
  eraseClassRoster(@Auth() auth: AuthContext, @UuidParam('classId') classId: string): Promise<{ people: number }> {
    return this.privacy.eraseClassRoster(auth, classId);
  }

  @Post(ROUTES.schools.eraseRoster)
  @HttpCode(HttpStatus.OK)
  @Responds(SchoolErasureResultSchema, {
    description:
      'End of year for the whole school (its admin or the district admin; the body repeats the school’s name): every family, ' +
      'student and parent with their history and links is erased in one transaction; classes, staff, counts and snapshots stay.',
  })
  eraseSchool(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Body() body: EraseSchoolDto,
  ): Promise<SchoolErasureResult> {
    return this.privacy.eraseSchool(auth, schoolId, body);
  }
}
