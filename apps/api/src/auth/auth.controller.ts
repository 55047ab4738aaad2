import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNotFoundResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type CurrentUser,
  type SetupLinkInfo,
  CurrentUserSchema,
  ROUTES,
  SetupLinkInfoSchema,
} from '@sferum/contracts';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import type { AuthContext, AuthenticatedRequest } from './auth-context';
import { Auth, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { ChangePasswordDto, CompleteSetupDto, SetupTokenDto } from './dto/password.dto';
import { SessionService } from './session.service';
import { Responds, RespondsEmpty } from '../common/contract/responds.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post(ROUTES.auth.login)
  @HttpCode(HttpStatus.OK)
  @Responds(CurrentUserSchema, { description: 'Signed in; the session cookie is set.' })
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

  @Public({ sessionIfAny: true })
  @Post(ROUTES.auth.logout)
  @HttpCode(HttpStatus.NO_CONTENT)
  @RespondsEmpty({ description: 'The session has ended on the server and the cookie is cleared.' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.auth) {
      await this.sessions.end(request.auth.sessionId);
    }
    const { maxAge: _maxAge, ...options } = this.cookieOptions(request);
    response.clearCookie(SESSION_COOKIE, options);
  }

  @Get(ROUTES.auth.me)
  @ApiCookieAuth(SESSION_COOKIE)
  @Responds(CurrentUserSchema)
  @ApiUnauthorizedResponse({ description: 'No live session.' })
  me(@Auth() auth: AuthContext): Promise<CurrentUser> {
    return this.auth.currentUser(auth.userId);
  }

  @Post(ROUTES.auth.password)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(SESSION_COOKIE)
  @RespondsEmpty({ description: 'Password changed; every other session of the user has ended.' })
  changePassword(@Auth() auth: AuthContext, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(auth, dto);
  }

  @Public()
  @Post(ROUTES.auth.setupInfo)
  @HttpCode(HttpStatus.OK)
  @Responds(SetupLinkInfoSchema, { description: 'Whose account the setup link opens.' })
  @ApiNotFoundResponse({ description: 'Unknown, used or expired link.' })
  setupInfo(@Body() dto: SetupTokenDto): Promise<SetupLinkInfo> {
    return this.auth.setupInfo(dto.token);
  }

  @Public()
  @Post(ROUTES.auth.setup)
  @HttpCode(HttpStatus.OK)
  @Responds(CurrentUserSchema, { description: 'Password set; the user is signed in.' })
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
