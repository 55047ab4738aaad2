import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type ImportMapping,
  ImportMappingListSchema,
  ImportMappingSchema,
  ROUTES,
} from '@sferum/contracts';
import type { AuthContext } from '../../auth/auth-context';
import { Auth } from '../../auth/auth.decorators';
import { UuidParam } from '../../common/uuid-param.decorator';
import { SaveImportMappingDto } from './import-mapping.dto';
import { ImportMappingsService } from './import-mappings.service';
import { Responds, RespondsEmpty } from '../../common/contract/responds.decorator';

const NAME_PARAM = {
  name: 'name',
  description: 'the mapping’s name, such as «Выгрузка Сетевого города» (URL-encoded)',
};

@ApiTags('roster')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ImportMappingsController {
  constructor(private readonly mappings: ImportMappingsService) {}

  @Get(ROUTES.schools.importMappings)
  @Responds(ImportMappingListSchema, { description: 'The school’s saved mappings of class-list columns, by name.' })
  list(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string): Promise<ImportMapping[]> {
    return this.mappings.list(auth, schoolId);
  }

  @Put(ROUTES.schools.importMapping)
  @ApiParam(NAME_PARAM)
  @Responds(ImportMappingSchema, {
    description: 'Saved (created or replaced). An import of a file with exactly these headers at headerRow uses it.',
  })
  save(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Param('name') name: string,
    @Body() dto: SaveImportMappingDto,
  ): Promise<ImportMapping> {
    return this.mappings.save(auth, schoolId, name, dto);
  }

  @Delete(ROUTES.schools.importMapping)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(NAME_PARAM)
  @RespondsEmpty({ description: 'Removed.' })
  remove(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Param('name') name: string,
  ): Promise<void> {
    return this.mappings.remove(auth, schoolId, name);
  }
}
