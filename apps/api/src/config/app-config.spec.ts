import { ConfigError, loadConfig, loadDatabaseConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  PHONE_HMAC_KEY: 'a-test-key-that-is-long-enough-32+',
  INVITE_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('loadConfig', () => {
  it('applies defaults to a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3333);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_POOL_SIZE).toBe(10);
  });

  it('reads numbers from strings', () => {
    expect(loadConfig({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });

  it('names DATABASE_URL when it is not a URL', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'not-a-url' })).toThrow(/DATABASE_URL \(invalid\)/);
  });

  it('refuses a short phone HMAC key, naming it', () => {
    expect(() => loadConfig({ ...valid, PHONE_HMAC_KEY: 'short' })).toThrow(/PHONE_HMAC_KEY \(invalid\)/);
  });

  it('reads reports on the primary unless DATABASE_REPLICA_URL names a replica, and names a bad one', () => {
    expect(loadConfig(valid).DATABASE_REPLICA_URL).toBeUndefined();
    const replica = 'postgres://reader@replica.internal:5432/sferum';
    expect(loadConfig({ ...valid, DATABASE_REPLICA_URL: replica }).DATABASE_REPLICA_URL).toBe(replica);
    expect(() => loadConfig({ ...valid, DATABASE_REPLICA_URL: 'replica.internal' })).toThrow(
      /DATABASE_REPLICA_URL \(invalid\)/,
    );
  });

  it('takes the daily snapshot at 23:55 unless SNAPSHOT_CRON says otherwise, and names a bad expression', () => {
    expect(loadConfig(valid).SNAPSHOT_CRON).toBe('55 23 * * *');
    expect(loadConfig({ ...valid, SNAPSHOT_CRON: '30 22 * * *' }).SNAPSHOT_CRON).toBe('30 22 * * *');
    for (const bad of ['every evening', '99 23 * * *', '55 23 *'])
      expect(() => loadConfig({ ...valid, SNAPSHOT_CRON: bad })).toThrow(/SNAPSHOT_CRON \(invalid\)/);
  });

  it('asks scripts that only touch the database for nothing else', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: valid.DATABASE_URL }).DATABASE_URL).toBe(valid.DATABASE_URL);
  });

  it('names DATABASE_URL when it is missing', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/DATABASE_URL \(missing\)/);
  });

  it('waits 5 s for a pooled connection unless DATABASE_POOL_TIMEOUT_MS says otherwise, and names it when out of range', () => {
    expect(loadConfig(valid).DATABASE_POOL_TIMEOUT_MS).toBe(5_000);
    expect(
      loadDatabaseConfig({ DATABASE_URL: valid.DATABASE_URL, DATABASE_POOL_TIMEOUT_MS: '750' })
        .DATABASE_POOL_TIMEOUT_MS,
    ).toBe(750);
    expect(() => loadConfig({ ...valid, DATABASE_POOL_TIMEOUT_MS: '0' })).toThrow(
      /DATABASE_POOL_TIMEOUT_MS \(invalid\)/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_POOL_TIMEOUT_MS: 'soon' })).toThrow(
      /DATABASE_POOL_TIMEOUT_MS \(invalid\)/,
    );
  });

  it('limits statements to 10 s and lock waits to 5 s unless configured, and names a bad value', () => {
    expect(loadConfig(valid).DATABASE_STATEMENT_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig(valid).DATABASE_LOCK_TIMEOUT_MS).toBe(5_000);
    const configured = loadDatabaseConfig({
      DATABASE_URL: valid.DATABASE_URL,
      DATABASE_STATEMENT_TIMEOUT_MS: '1500',
      DATABASE_LOCK_TIMEOUT_MS: '800',
    });
    expect([configured.DATABASE_STATEMENT_TIMEOUT_MS, configured.DATABASE_LOCK_TIMEOUT_MS]).toEqual([1500, 800]);
    for (const bad of ['0', '-5', 'never', '600001']) {
      expect(() => loadConfig({ ...valid, DATABASE_STATEMENT_TIMEOUT_MS: bad })).toThrow(
        /DATABASE_STATEMENT_TIMEOUT_MS \(invalid\)/,
      );
      expect(() => loadConfig({ ...valid, DATABASE_LOCK_TIMEOUT_MS: bad })).toThrow(
        /DATABASE_LOCK_TIMEOUT_MS \(invalid\)/,
      );
    }
  });

  it('names every bad variable at once', () => {
    const attempt = () => loadConfig({ ...valid, PORT: 'eighty', NODE_ENV: 'staging' });
    expect(attempt).toThrow(/PORT \(invalid\)/);
    expect(attempt).toThrow(/NODE_ENV \(invalid\)/);
  });
});
