import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { validateCronExpression } from 'cron';

const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Also the pool timeout of data sources built without the whole config (test helpers). */
export const DEFAULT_POOL_TIMEOUT_MS = 5_000;
/** Also the timeouts of data sources built without the whole config (test helpers). */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

function IsCronExpression(): PropertyDecorator {
  return ValidateBy({
    name: 'isCronExpression',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^\S+(\s+\S+){4,5}$/.test(value.trim()) && validateCronExpression(value).valid,
      defaultMessage: () => '$property must be a cron expression of 5 or 6 fields, such as "55 23 * * *"',
    },
  });
}

/** What scripts that only touch the database need (migrations, the admin CLI). */
export class DatabaseConfig {
  /** postgres://user:password@host:port/database */
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL!: string;

  /**
   * A streaming replica of that database, for the reports' reads (district,
   * school, history; the dashboard's and the reporting API's). Empty: every
   * statement goes to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/, {
    message: 'DATABASE_REPLICA_URL must look like postgres://user:password@replica-host:5432/database',
  })
  DATABASE_REPLICA_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * How long a request waits for a free pooled connection (or for a new one to
   * open) before it gives up: 503 with Retry-After instead of hanging.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DATABASE_POOL_TIMEOUT_MS = DEFAULT_POOL_TIMEOUT_MS;

  /**
   * The longest one SQL statement of a request may run (PostgreSQL's
   * statement_timeout on every pooled connection). A server that does not
   * answer at all is given up on a second later, by the client.
   * Migrations, imports, the new school year and the daily snapshot set
   * their own, longer limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = DEFAULT_STATEMENT_TIMEOUT_MS;

  /** The longest a statement waits for a row or table lock (PostgreSQL's lock_timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_LOCK_TIMEOUT_MS = DEFAULT_LOCK_TIMEOUT_MS;
}

/**
 * The API's whole configuration, read once from the environment at start-up.
 * A missing or bad value stops the process with the variable's name.
 */
export class AppConfig extends DatabaseConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3333;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsString()
  APP_VERSION?: string;

  /**
   * Key of the HMAC that replaces phone numbers (at least 32 characters; keep
   * it secret and stable: a new key makes old hashes incomparable). `npm start`
   * generates one into .data/phone-hmac.key.
   */
  @IsString()
  @MinLength(32, { message: 'PHONE_HMAC_KEY must be at least 32 characters (for example: openssl rand -base64 32)' })
  PHONE_HMAC_KEY!: string;

  /**
   * AES-256 key (32 bytes, base64) that encrypts parent-link tokens, so that a
   * teacher can show a family's link again. `npm start` generates one into
   * .data/invite-encryption.key.
   */
  @Matches(/^[A-Za-z0-9+/_-]{43}=?$/, {
    message: 'INVITE_ENCRYPTION_KEY must be 32 bytes in base64 (for example: openssl rand -base64 32)',
  })
  INVITE_ENCRYPTION_KEY!: string;

  /**
   * Replaces the catalogue's hosts of chat invitation links, per path:
   * `max=max.ru,web.max.ru;vk=vk.me,sferum.ru`. A path not named keeps the
   * catalogue's list. Empty: the catalogue's lists.
   */
  @Matches(/^$|^[a-z][a-z0-9_]{0,39}=[a-z0-9.-]+(,[a-z0-9.-]+)*(;[a-z][a-z0-9_]{0,39}=[a-z0-9.-]+(,[a-z0-9.-]+)*)*$/, {
    message: 'CHAT_INVITE_HOSTS must look like max=max.ru,web.max.ru;vk=vk.me',
  })
  CHAT_INVITE_HOSTS = '';

  /** Where people open the web app; setup links printed by the CLI start with it. */
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'PUBLIC_WEB_URL must be an origin such as https://sferum.example.ru' })
  PUBLIC_WEB_URL = 'http://localhost:3000';

  /** Secure cookies: 'auto' sets them when the request came over HTTPS (X-Forwarded-Proto from the proxy). */
  @IsIn(['auto', 'always', 'never'])
  COOKIE_SECURE: 'auto' | 'always' | 'never' = 'auto';

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  /** The daily snapshots for the district's charts; off in tests that do not need them. */
  @IsIn(['true', 'false'])
  SNAPSHOTS_ENABLED: 'true' | 'false' = 'true';

  /**
   * When the daily snapshot is taken, Moscow time: a cron expression of five
   * fields (or six, seconds first). Every copy of the API fires it; a class's
   * day is written by the first run only.
   */
  @IsCronExpression()
  SNAPSHOT_CRON = '55 23 * * *';

  /**
   * How long a district report is served from memory before it is counted
   * again (0: never). Counting a large district reads every class's counters.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  REPORT_CACHE_SECONDS = 30;

  /** Sign-in attempts per minute from one IP address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_IP = 30;

  /** Wrong passwords per minute for one account before it answers 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT = 10;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadInto(AppConfig, env);
}

/** Only the database settings, for scripts that need nothing else. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return loadInto(DatabaseConfig, env);
}

function loadInto<T extends DatabaseConfig>(type: new () => T, env: NodeJS.ProcessEnv): T {
  const known = Object.keys(new type());
  const present = Object.fromEntries(
    known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const config = plainToInstance(type, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map((error) => {
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      const shown = env[error.property] === undefined ? 'missing' : 'invalid';
      return `  ${error.property} (${shown}): ${reasons}`;
    });
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return config;
}
