import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '@sferum/contracts';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { documentRequestClasses } from './common/contract/request-schemas';
import { QuietStartupLogger } from './common/logging';
import { sameOriginOnly } from './common/same-origin.middleware';
import { helmetOptions, securityHeaders } from './common/security-headers';
import { createValidationPipe, NoNulCharactersPipe } from './common/validation';

/** Everything main.ts and the end-to-end tests must set up the same way. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(new QuietStartupLogger(app.get(Logger)));
  app.setGlobalPrefix(API_PREFIX.slice(1));
  // The web app forwards /api/* from the same machine or network: trust its X-Forwarded-For.
  app.set('trust proxy', 'loopback, uniquelocal');
  app.disable('x-powered-by');
  // No ETag hashed from every body: only reports revalidate, with an ETag over their figures (reports/report-etag.ts).
  app.set('etag', false);
  app.use(securityHeaders(helmetOptions(config.isProduction)));
  app.use(sameOriginOnly(config.PUBLIC_WEB_URL));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(new NoNulCharactersPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // process.exit rather than the signal raised again: the exit hook writes the log lines still queued (common/logging.ts).
  app.enableShutdownHooks([], { useProcessExit: true });

  documentRequestClasses(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sferum Onboarding Tracker API')
      .setDescription('Rosters, onboarding progress, parent links and district reports for Sferum.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX.slice(1)}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX.slice(1)}/docs-json`,
  });
}
