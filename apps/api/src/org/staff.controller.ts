import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type SetupLink,
  type StaffMember,
  type StaffWithSetupLink,
  ROUTES,
  SetupLinkSchema,
  StaffMemberListSchema,
  StaffMemberSchema,
  StaffWithSetupLinkSchema,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { CreateStaffDto, ListStaffQueryDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffService } from './staff.service';
import { Responds } from '../common/contract/responds.decorator';

@ApiTags('staff')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get(ROUTES.staff.list)
  @Responds(StaffMemberListSchema)
  @ApiForbiddenResponse({ description: 'Teachers do not list staff.' })
  list(@Auth() auth: AuthContext, @Query() query: ListStaffQueryDto): Promise<StaffMember[]> {
    return this.staff.list(auth, query);
  }

  @Post(ROUTES.staff.list)
  @Responds(StaffWithSetupLinkSchema, {
    status: HttpStatus.CREATED,
    description: 'The setup link is shown only in this answer.',
  })
  create(@Auth() auth: AuthContext, @Body() dto: CreateStaffDto): Promise<StaffWithSetupLink> {
    return this.staff.create(auth, dto);
  }

  @Get(ROUTES.staff.one)
  @Responds(StaffMemberSchema)
  get(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.get(auth, staffId);
  }

  @Patch(ROUTES.staff.one)
  @Responds(StaffMemberSchema)
  update(
    @Auth() auth: AuthContext,
    @UuidParam('staffId') staffId: string,
    @Body() dto: UpdateStaffDto,
  ): Promise<StaffMember> {
    return this.staff.update(auth, staffId, dto);
  }

  @Post(ROUTES.staff.deactivate)
  @HttpCode(HttpStatus.OK)
  @Responds(StaffMemberSchema, { description: 'Their sessions end at once.' })
  deactivate(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.deactivate(auth, staffId);
  }

  @Post(ROUTES.staff.activate)
  @HttpCode(HttpStatus.OK)
  @Responds(StaffMemberSchema)
  activate(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.activate(auth, staffId);
  }

  @Post(ROUTES.staff.setupLink)
  @Responds(SetupLinkSchema, {
    status: HttpStatus.CREATED,
    description: 'Earlier unused setup links of this account stop working.',
  })
  reissueSetupLink(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<SetupLink> {
    return this.staff.reissueSetupLink(auth, staffId);
  }
}
