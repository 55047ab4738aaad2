import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SESSION_COOKIE, type CurrentUser, type SetupLinkInfo } from '@sferum/contracts';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import type { AuthContext, AuthenticatedRequest } from './auth-context';
import { Auth, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { CurrentUserDto, SetupLinkInfoDto } from './current-user.dto';
import { LoginDto } from './dto/login.dto';
import { ChangePasswordDto, CompleteSetupDto, SetupTokenDto } from './dto/password.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CurrentUserDto, description: 'Signed in; the session cookie is set.' })
  @ApiUnauthorizedResponse({ description: 'Unknown e-mail or wrong password (the same answer for both).' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account.' })
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUser> {
    const signedIn = await this.auth.login(dto, request.ip ?? 'unknown');
    response.cookie(SESSION_COOKIE, signedIn.token, this.cookieOptions(request));
    return signedIn.user;
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session has ended on the server and the cookie is cleared.' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.auth) {
      await this.sessions.end(request.auth.sessionId);
    }
    const { maxAge: _maxAge, ...options } = this.cookieOptions(request);
    response.clearCookie(SESSION_COOKIE, options);
  }

  @Get('me')
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({ type: CurrentUserDto })
  @ApiUnauthorizedResponse({ description: 'No live session.' })
  me(@Auth() auth: AuthContext): Promise<CurrentUser> {
    return this.auth.currentUser(auth.userId);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiNoContentResponse({ description: 'Password changed; every other session of the user has ended.' })
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(auth, dto);
  }

  @Public()
  @Post('setup/info')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SetupLinkInfoDto, description: 'Whose account the setup link opens.' })
  @ApiNotFoundResponse({ description: 'Unknown, used or expired link.' })
  setupInfo(@Body() dto: SetupTokenDto): Promise<SetupLinkInfo> {
    return this.auth.setupInfo(dto.token);
  }

  @Public()
  @Post('setup')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CurrentUserDto, description: 'Password set; the user is signed in.' })
  @ApiNotFoundResponse({ description: 'Unknown, used or expired link.' })
  async completeSetup(
    @Body() dto: CompleteSetupDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CurrentUser> {
    const signedIn = await this.auth.completeSetup(dto);
    response.cookie(SESSION_COOKIE, signedIn.token, this.cookieOptions(request));
    return signedIn.user;
  }

  private cookieOptions(request: Request): CookieOptions {
    const secure = this.config.COOKIE_SECURE === 'always' || (this.config.COOKIE_SECURE === 'auto' && request.secure);
    return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: this.sessions.maxAgeMs };
  }
}
