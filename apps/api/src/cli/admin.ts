import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { SetupLinksRepository } from '../auth/setup-links.repository';
import { SetupLinksService } from '../auth/setup-links.service';
import { StaffAccountsRepository } from '../auth/staff-accounts.repository';
import { NormalizeEmail, Trim } from '../common/dto-transforms';
import { ConfigError, loadDatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { runPendingMigrations } from '../database/migrate';
import { FirstDistrictRepository } from './first-district.repository';

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
    throw new UsageError(
      errors.map((error) => `--${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`).join('\n'),
    );
  }
  return input;
}

/** The CLI's data access, built by hand on its own DataSource (no Nest container here). */
interface Repositories {
  firstDistrict: FirstDistrictRepository;
  accounts: StaffAccountsRepository;
  setupLinks: SetupLinksService;
}

function repositories(dataSource: DataSource): Repositories {
  return {
    firstDistrict: new FirstDistrictRepository(),
    accounts: new StaffAccountsRepository(dataSource),
    setupLinks: new SetupLinksService(new SetupLinksRepository(dataSource)),
  };
}

async function createDistrict(dataSource: DataSource, input: CreateDistrictInput): Promise<string> {
  const { firstDistrict, setupLinks } = repositories(dataSource);
  return dataSource.transaction(async (tx) => {
    if (await firstDistrict.emailTaken(tx, input.email))
      throw new UsageError(`An account with the e-mail ${input.email} already exists.`);
    const districtId = await firstDistrict.insertDistrict(tx, input.district);
    if (!districtId) throw new UsageError(`A district named "${input.district}" already exists.`);
    const staffId = await firstDistrict.insertDistrictAdmin(tx, districtId, input.email, input.name);
    return (await setupLinks.issue(staffId, tx)).path;
  });
}

async function reissue(dataSource: DataSource, input: SetupLinkInput): Promise<string> {
  const { accounts, setupLinks } = repositories(dataSource);
  return dataSource.transaction(async (tx) => {
    const account = await accounts.findActiveByEmail(tx, input.email);
    if (!account) throw new UsageError(`No active staff account has the e-mail ${input.email}.`);
    return (await setupLinks.issue(account.id, tx)).path;
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
      input instanceof CreateDistrictInput ? await createDistrict(dataSource, input) : await reissue(dataSource, input);
    console.log(
      `\nSetup link (valid 7 days, works once; hand it to ${input.email} only):\n\n  ${publicWebUrl}${path}\n`,
    );
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
