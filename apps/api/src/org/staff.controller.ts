import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE, type SetupLink, type StaffMember, type StaffWithSetupLink } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { SetupLinkDto } from '../auth/current-user.dto';
import { UuidParam } from '../common/uuid-param.decorator';
import { CreateStaffDto, ListStaffQueryDto, StaffMemberDto, StaffWithSetupLinkDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiCookieAuth(SESSION_COOKIE)
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOkResponse({ type: [StaffMemberDto] })
  @ApiForbiddenResponse({ description: 'Teachers do not list staff.' })
  list(@Auth() auth: AuthContext, @Query() query: ListStaffQueryDto): Promise<StaffMember[]> {
    return this.staff.list(auth, query);
  }

  @Post()
  @ApiCreatedResponse({ type: StaffWithSetupLinkDto, description: 'The setup link is shown only in this answer.' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateStaffDto): Promise<StaffWithSetupLink> {
    return this.staff.create(auth, dto);
  }

  @Get(':staffId')
  @ApiOkResponse({ type: StaffMemberDto })
  get(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.get(auth, staffId);
  }

  @Patch(':staffId')
  @ApiOkResponse({ type: StaffMemberDto })
  update(
    @Auth() auth: AuthContext,
    @UuidParam('staffId') staffId: string,
    @Body() dto: UpdateStaffDto,
  ): Promise<StaffMember> {
    return this.staff.update(auth, staffId, dto);
  }

  @Post(':staffId/deactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StaffMemberDto, description: 'Their sessions end at once.' })
  deactivate(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.deactivate(auth, staffId);
  }

  @Post(':staffId/activate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: StaffMemberDto })
  activate(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<StaffMember> {
    return this.staff.activate(auth, staffId);
  }

  @Post(':staffId/setup-link')
  @ApiCreatedResponse({ type: SetupLinkDto, description: 'Earlier unused setup links of this account stop working.' })
  reissueSetupLink(@Auth() auth: AuthContext, @UuidParam('staffId') staffId: string): Promise<SetupLink> {
    return this.staff.reissueSetupLink(auth, staffId);
  }
}
