import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { SetupLinksService } from '../auth/setup-links.service';
import { NormalizeEmail, Trim } from '../common/dto-transforms';
import { ConfigError, loadDatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { runPendingMigrations } from '../database/migrate';

const USAGE = `Usage:
  npm run admin -- create-district --district "<district name>" --email <admin e-mail> --name "<admin full name>"
      Creates a district and its first district admin; prints the admin's setup link.
  npm run admin -- setup-link --email <e-mail>
      Issues a new setup link for an existing staff account (a lost password); older links stop working.`;

class CreateDistrictInput {
  @Trim() @IsString() @Length(1, 200) district!: string;
  @NormalizeEmail() @IsEmail() @MaxLength(254) email!: string;
  @Trim() @IsString() @Length(1, 200) name!: string;
}

class SetupLinkInput {
  @NormalizeEmail() @IsEmail() @MaxLength(254) email!: string;
}

class UsageError extends Error {}

function parse<T extends object>(type: new () => T, values: Record<string, unknown>): T {
  const input = plainToInstance(type, values);
  const errors = validateSync(input);
  if (errors.length > 0) {
    throw new UsageError(errors.map((error) => `--${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`).join('\n'));
  }
  return input;
}

async function createDistrict(manager: EntityManager, input: CreateDistrictInput): Promise<string> {
  return manager.transaction(async (tx) => {
    const existing = await tx.query<unknown[]>(`SELECT 1 FROM staff_user WHERE email = $1`, [input.email]);
    if (existing.length > 0) throw new UsageError(`An account with the e-mail ${input.email} already exists.`);
    const districts = await tx.query<Array<{ id: string }>>(`INSERT INTO district (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id`, [
      input.district,
    ]);
    if (districts.length === 0) throw new UsageError(`A district named "${input.district}" already exists.`);
    const staff = await tx.query<Array<{ id: string }>>(
      `INSERT INTO staff_user (district_id, role, email, full_name) VALUES ($1, 'district_admin', $2, $3) RETURNING id`,
      [districts[0].id, input.email, input.name],
    );
    return (await new SetupLinksService(tx.connection).issue(staff[0].id, tx)).path;
  });
}

async function reissue(manager: EntityManager, input: SetupLinkInput): Promise<string> {
  return manager.transaction(async (tx) => {
    const staff = await tx.query<Array<{
      id: string;
    }>>(`SELECT id FROM staff_user WHERE email = $1 AND deactivated_at IS NULL`, [input.email]);
    if (staff.length === 0) throw new UsageError(`No active staff account has the e-mail ${input.email}.`);
    return (await new SetupLinksService(tx.connection).issue(staff[0].id, tx)).path;
  });
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { district: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  if (command !== 'create-district' && command !== 'setup-link') throw new UsageError('Unknown command.');
  const input = command === 'create-district' ? parse(CreateDistrictInput, values) : parse(SetupLinkInput, values);

  const config = loadDatabaseConfig();
  const publicWebUrl = process.env.PUBLIC_WEB_URL || 'http://localhost:3000';
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
    const path =
      input instanceof CreateDistrictInput ? await createDistrict(dataSource.manager, input) : await reissue(dataSource.manager, input);
    console.log(`\nSetup link (valid 7 days, works once; hand it to ${input.email} only):\n\n  ${publicWebUrl}${path}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
