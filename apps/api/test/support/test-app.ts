import { NestFactory, Reflector } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PathCatalogue } from '@sferum/contracts';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { loadConfig } from '../../src/config/app-config';
import { ContractCheckInterceptor } from './contract-check';

/** A fixed key, so that tests can compute the hash a phone number must get. */
export const TEST_PHONE_HMAC_KEY = 'test-phone-hmac-key-0123456789abcdef';

/** 32 bytes, base64. */
export const TEST_INVITE_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The real application, wired as main.ts wires it, on this run's test database;
 * `paths` replaces the shipped catalogue of onboarding paths (a region's own).
 * Every answer is checked against its route's contract (contract-check.ts).
 */
export async function createTestApp(
  env: NodeJS.ProcessEnv = {},
  logDestination?: DestinationStream,
  paths?: PathCatalogue,
): Promise<NestExpressApplication> {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    throw new Error('TEST_DATABASE_URL is not set: run the end-to-end tests through jest.e2e.config.cjs');
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    PHONE_HMAC_KEY: TEST_PHONE_HMAC_KEY,
    INVITE_ENCRYPTION_KEY: TEST_INVITE_KEY,
    SNAPSHOTS_ENABLED: 'false',
    // Reports counted afresh, so that tests see each change at once; the cache has its own test.
    REPORT_CACHE_SECONDS: '0',
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logDestination, paths), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app, config);
  app.useGlobalInterceptors(new ContractCheckInterceptor(app.get(Reflector)));
  await app.init();
  return app;
}
