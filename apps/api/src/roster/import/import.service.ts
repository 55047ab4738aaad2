import { Injectable } from '@nestjs/common';
import {
  academicYearOf,
  formatClassName,
  IMPORT_ERROR_CODES,
  IMPORT_MAX_ROWS,
  parseClassName,
  stepIdsOf,
  type ImportClassPlan,
  type ImportError,
  type ImportMappingSource,
  type ImportReport,
  type ImportWarning,
  type OnboardingPath,
  type SchoolImportError,
  type SchoolImportReport,
} from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../../auth/auth-context';
import { AccessPolicy } from '../../auth/access-policy.service';
import { AppConfig } from '../../config/app-config';
import { SchoolPaths } from '../../paths/school-paths.service';
import { phoneHmac } from '../phone';
import {
  applyMapping,
  detectHeader,
  hasStudentName,
  headerAt,
  importColumns,
  mappingFits,
  mappingOf,
  type ReadHeader,
} from './import-columns';
import { ImportMappingsRepository } from './import-mappings.repository';
import type { ImportOptions } from './import-options';
import { countActions, nameKey, planImport, type ImportPlan, type PlanRow, type PlannedFamily } from './import-plan';
import { ImportRefused } from './import-refused';
import { placeInClass, placeInSchool, readRows, type Placement, type ReadRows } from './import-rows';
import { OF_CELLS, OF_STUDENTS, plural, rowList } from './russian';
import { readTable, type Table } from './read-table';
import { UnreadableFile, type UnreadableKind } from './unreadable-file';
import { ChatMembershipsRepository } from '../../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../../progress/class-counters.repository';
import { RosterRepository } from '../roster.repository';
import { ImportRepository, type ClassRow, type ImportedPerson, type ImportSchool } from './import.repository';
import { elementAt } from '../../common/element-at';
import { allowLongStatements } from '../../database/long-statements';

/** Into one class, or into the classes a whole school's file names. */
type Target = { kind: 'class'; classId: string; name: string; academicYear: string } | { kind: 'school' };

interface ClassOfYear {
  id: string;
  name: string;
  archived: boolean;
}

/** A class the file's rows go to: one that exists (its id is the key), or one the commit creates ("new:5А"). */
interface TargetClass {
  key: string;
  name: string;
  id: string | null;
}

/** How the file was read, before anything is planned. */
interface ReadFile {
  table: Table;
  header: ReadHeader;
  mappingSource: ImportMappingSource;
  savedMappingName: string | null;
  rows: ReadRows;
}

/** A class with more than this share of its file's students already in one other class gets a warning about it. */
const OTHER_CLASS_SHARE = 0.5;
/** Below this many rows a share says little: each such student is named instead. */
const OTHER_CLASS_MIN_ROWS = 3;
const CLEANED_CELLS_LISTED = 20;

const UNREADABLE_MESSAGES: Record<UnreadableKind, string> = {
  xls:
    'Это файл Excel 97–2003 (.xls) или файл Excel с паролем: такие не читаются. Откройте его в Excel, снимите пароль, если он есть, ' +
    'и сохраните как «Книга Excel (*.xlsx)» (Файл → Сохранить как); в LibreOffice — «Excel 2007–365 (.xlsx)». Загрузите новый файл.',
  ods: 'Это таблица LibreOffice (.ods): сохраните её как «Excel 2007–365 (.xlsx)» или CSV и загрузите снова.',
  markup:
    'Это веб-страница или XML под именем таблицы (так выгружают некоторые журналы): откройте файл в Excel и сохраните как «Книга Excel (*.xlsx)».',
  other: 'Файл не читается: нужен Excel (.xlsx) или CSV.',
};

/**
 * A class list from a file: first a preview (how the file was read, what would
 * be created, updated, left alone, every error and warning), then, with the
 * same file and the same mapping, the import itself, all of it in one
 * transaction or nothing. Into one class, or a whole school at once.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly schoolPaths: SchoolPaths,
    private readonly mappings: ImportMappingsRepository,
    private readonly counters: ClassCountersRepository,
    private readonly chats: ChatMembershipsRepository,
    private readonly roster: RosterRepository,
    private readonly imports: ImportRepository,
  ) {}

  async importIntoClass(
    auth: AuthContext,
    classId: string,
    file: Buffer,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const schoolClass = await this.access.requireAccess(auth, 'class.work', classId);
    const target: Target = {
      kind: 'class',
      classId,
      name: formatClassName(schoolClass.grade, schoolClass.letter),
      academicYear: schoolClass.academicYear,
    };
    return asClassReport(
      await this.run({ id: schoolClass.schoolId, districtId: schoolClass.districtId }, target, file, options),
    );
  }

  /** A school's admin (or the district's) only: the file may create classes. */
  async importIntoSchool(
    auth: AuthContext,
    schoolId: string,
    file: Buffer,
    options: ImportOptions,
  ): Promise<SchoolImportReport> {
    const school = await this.access.requireAccess(auth, 'school.structure', schoolId);
    return this.run({ id: school.id, districtId: school.districtId }, { kind: 'school' }, file, options);
  }

  private async run(
    school: ImportSchool,
    target: Target,
    file: Buffer,
    options: ImportOptions,
  ): Promise<SchoolImportReport> {
    const hashPhone = (normalized: string) => phoneHmac(this.config.PHONE_HMAC_KEY, normalized).toString('hex');
    const academicYear =
      target.kind === 'class' ? target.academicYear : await this.schoolYear(this.dataSource.manager, school.id);
    let table: Table;
    try {
      table = await readTable(file);
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return refuse(
        options.commit,
        emptyReport(academicYear, [fileError('unreadable_file', UNREADABLE_MESSAGES[error.kind])]),
      );
    }
    if (table.rows.every((row) => row.every((cell) => cell === ''))) {
      return refuse(options.commit, emptyReport(academicYear, [fileError('empty_file', 'В файле ничего нет')]));
    }
    const read = await this.readFile(school, table, options, hashPhone);
    const warnings = [...ignoredColumns(read.header), ...cleanedCells(read.table, read.header)];
    const base = { ...emptyReport(academicYear, []), ...howRead(read), warnings };
    if ('errors' in read) return refuse(options.commit, { ...base, errors: read.errors });
    if (read.rows.rows.length === 0) {
      return refuse(options.commit, {
        ...base,
        errors: [fileError('empty_file', 'Под заголовком нет ни одного ученика')],
      });
    }
    if (read.rows.rows.length > IMPORT_MAX_ROWS) {
      return refuse(options.commit, {
        ...base,
        errors: [fileError('too_many_rows', `Больше ${IMPORT_MAX_ROWS} строк`)],
      });
    }
    const placement = target.kind === 'class' ? placeInClass(read.rows, target.name) : placeInSchool(read.rows);
    warnings.push(...placement.warnings);

    return this.dataSource.transaction(async (manager) => {
      let path: OnboardingPath | null = null;
      let year = academicYear;
      if (options.commit) {
        await allowLongStatements(manager);
        // A school import waits for the class imports of its school and they for it; class imports of two classes do not wait.
        await this.imports.lockSchoolImports(manager, school.id, target.kind === 'school');
        if (target.kind === 'class') {
          // Two imports into one class wait for each other instead of both creating the same people.
          await this.imports.lockClassImports(manager, target.classId);
        }
        // Before anything is read: a change of path or of school year waits for the import, or the import for it.
        path = await this.schoolPaths.lockedForChange(manager, school.id);
        if (target.kind === 'school') year = await this.schoolYear(manager, school.id);
      }
      const { classes, rows, errors } =
        target.kind === 'class'
          ? {
              classes: [{ key: target.classId, name: target.name, id: target.classId }],
              rows: toPlanRows(placement, target.classId),
              errors: [],
            }
          : classesOfFile(placement, (await this.imports.classesOfYear(manager, school.id, year)).map(toClassOfYear));
      const existingIds = classes.map((c) => c.id).filter((id): id is string => id !== null);
      const plan = planImport(
        rows,
        await this.imports.existingRoster(manager, school.id, existingIds, parentPhones(rows)),
        {
          studentColumn: read.rows.studentColumn,
          classNames: target.kind === 'school',
        },
      );
      warnings.push(...(await this.inOtherClasses(manager, school.id, year, plan, classes, target.kind)));
      const report: SchoolImportReport = {
        ...base,
        committed: false,
        ...plan.result,
        errors: sortErrors([...placement.errors, ...errors, ...plan.errors]),
        warnings: sortWarnings(warnings),
        academicYear: year,
        classes: classPlans(classes, plan),
        skipped: placement.skipped,
      };
      if (!options.commit || report.errors.length > 0) return refuse(options.commit, report);
      const created = await this.write(manager, school, path!, plan, classes, year);
      return {
        ...report,
        committed: true,
        classes: report.classes.map((c) => ({ ...c, classId: c.classId ?? created.get(c.name) ?? null })),
      };
    });
  }

  /**
   * The header and the roles of the columns: the request's `headerRow` and
   * `mapping` when it has them; else the header found in the first rows, or,
   * when a saved mapping of the school fits the file, that mapping.
   */
  private async readFile(
    school: ImportSchool,
    table: Table,
    options: ImportOptions,
    hashPhone: (normalized: string) => string,
  ): Promise<ReadFile | (Omit<ReadFile, 'rows'> & { errors: ImportError[] })> {
    const errors: ImportError[] = [];
    let header: ReadHeader;
    let mappingSource: ImportMappingSource = 'detected';
    let savedMappingName: string | null = null;
    if (options.headerRow !== null) {
      header = headerAt(table, options.headerRow - 1);
      if (options.headerRow > table.rows.length) {
        errors.push({
          row: options.headerRow,
          column: null,
          code: 'missing_column',
          message: `В файле нет строки ${options.headerRow}`,
        });
      }
    } else {
      header = detectHeader(table).header;
      if (options.mapping === null) {
        for (const saved of await this.mappings.listNewestFirst(this.dataSource.manager, school.id)) {
          const candidate = headerAt(table, saved.headerRow - 1);
          if (mappingFits(candidate, saved.mapping)) {
            header = applyMapping(candidate, saved.mapping).header;
            mappingSource = 'saved';
            savedMappingName = saved.name;
            break;
          }
        }
      }
    }
    if (options.mapping !== null) {
      const applied = applyMapping(header, options.mapping);
      header = applied.header;
      mappingSource = 'request';
      for (const key of applied.unknownKeys) {
        errors.push({
          row: header.layout.lastRow + 1,
          column: key,
          code: 'missing_column',
          message: `В заголовке (строка ${header.layout.lastRow + 1}) нет столбца «${key}»`,
        });
      }
    }
    if (!hasStudentName(header.roles)) {
      errors.push({
        row: header.layout.lastRow + 1,
        column: null,
        code: 'missing_column',
        message:
          'Не найден столбец с именами учеников («ФИО», «Ученик» или «Фамилия» и «Имя»): укажите, что в каком столбце, ' +
          'или проверьте, что заголовок таблицы — в одной из первых строк.',
      });
    }
    if (errors.length > 0) return { table, header, mappingSource, savedMappingName, errors };
    return { table, header, mappingSource, savedMappingName, rows: readRows(table, header, hashPhone) };
  }

  /**
   * A list imported into the wrong class creates everyone again: when most of
   * the students of a class of the file are already in one other class of the
   * school (this school year), that class is named; a new student whose
   * namesake is in another class is named on their row.
   */
  private async inOtherClasses(
    manager: EntityManager,
    schoolId: string,
    year: string,
    plan: ImportPlan,
    classes: TargetClass[],
    kind: Target['kind'],
  ): Promise<ImportWarning[]> {
    if (plan.rows.length === 0) return [];
    const others = await this.imports.studentsOfYear(manager, schoolId, year);
    const classesByName = new Map<string, Map<string, string>>();
    for (const other of others) {
      const key = nameKey(other.name);
      const inClasses = classesByName.get(key) ?? new Map<string, string>();
      inClasses.set(other.classId, formatClassName(other.grade, other.letter));
      classesByName.set(key, inClasses);
    }
    const warnings: ImportWarning[] = [];
    for (const target of classes) {
      const rows = plan.rows.filter((row) => row.classKey === target.key);
      const matches = new Map<string, { name: string; count: number }>();
      for (const row of rows) {
        for (const [classId, className] of classesByName.get(nameKey(row.student)) ?? []) {
          if (classId === target.id) continue;
          const match = matches.get(classId) ?? { name: className, count: 0 };
          match.count += 1;
          matches.set(classId, match);
        }
      }
      const most = [...matches.values()].sort((a, b) => b.count - a.count)[0];
      if (most && rows.length >= OTHER_CLASS_MIN_ROWS && most.count > rows.length * OTHER_CLASS_SHARE) {
        const ofFile = kind === 'class' ? 'файла' : `класса ${target.name} в файле`;
        warnings.push({
          code: 'students_in_other_class',
          row: null,
          column: null,
          className: most.name,
          message:
            `Из ${plural(rows.length, OF_STUDENTS)} ${ofFile} ${most.count} уже есть в классе ${most.name} этой школы: ` +
            `${kind === 'class' ? 'тот ли класс выбран?' : 'тот ли класс указан в файле?'} Загрузка добавит их в ${target.name} ещё раз.`,
        });
        continue;
      }
      for (const row of rows) {
        if (row.action !== 'create') continue;
        const elsewhere = [...(classesByName.get(nameKey(row.student)) ?? [])].find(
          ([classId]) => classId !== target.id,
        );
        if (!elsewhere) continue;
        warnings.push({
          code: 'student_in_other_class',
          row: row.number,
          column: null,
          className: elsewhere[1],
          message: `${row.student} уже есть в классе ${elsewhere[1]}: если это тот же ребёнок, переведите его на странице класса, а не загружайте заново.`,
        });
      }
    }
    return warnings;
  }

  /** Writes the plan; returns the ids of the classes it created, by name. */
  private async write(
    manager: EntityManager,
    school: ImportSchool,
    path: OnboardingPath,
    plan: ImportPlan,
    classes: TargetClass[],
    year: string,
  ): Promise<Map<string, string>> {
    const created = await this.createClasses(
      manager,
      school,
      classes.filter((c) => c.id === null).map((c) => c.name),
      year,
    );
    const classIdOf = new Map(classes.map((c) => [c.key, c.id ?? created.get(c.name)!]));
    const existingFamilies = plan.families.map((f) => f.existingId).filter((id): id is string => id !== null);
    await this.roster.lockFamilies(manager, existingFamilies);

    const newFamilies = plan.families.filter((f) => f.existingId === null);
    const newIds = await this.imports.createFamilies(manager, school, newFamilies.length);
    const familyIdOf = new Map<PlannedFamily, string>(
      newFamilies.map((family, index) => [family, elementAt(newIds, index, 'the new family ids')]),
    );
    for (const family of plan.families) if (family.existingId) familyIdOf.set(family, family.existingId);

    const people: ImportedPerson[] = [];
    const updated: Array<{ id: string; phone: string }> = [];
    for (const family of plan.families) {
      const familyId = familyIdOf.get(family)!;
      for (const [kind, members] of [
        ['student', family.students],
        ['parent', family.parents],
      ] as const) {
        for (const person of members) {
          if (person.action === 'create') {
            const classId = person.classKey === null ? null : classIdOf.get(person.classKey)!;
            people.push({ familyId, kind, name: person.name, phone: person.phone, classId });
          }
          if (person.action === 'update' && person.existingId && person.phone)
            updated.push({ id: person.existingId, phone: person.phone });
        }
      }
    }
    if (people.length > 0) await this.imports.insertPeople(manager, school, people, stepIdsOf(path));
    if (updated.length > 0) await this.imports.updatePhones(manager, updated);
    const touched = [...new Set(familyIdOf.values())];
    const targetIds = [...new Set(classIdOf.values())];
    await this.chats.ensureStandardChats(manager, path, targetIds);
    await this.chats.syncMemberships(manager, touched);
    await this.counters.recount(manager, [
      ...new Set([...targetIds, ...(await this.counters.classesOfFamilies(manager, touched))]),
    ]);
    return created;
  }

  /**
   * The school year a school's file goes into: the latest of its classes' (a
   * school that moved to the next year in late August is in it already), and at
   * least the current one.
   */
  private async schoolYear(manager: EntityManager, schoolId: string): Promise<string> {
    const today = academicYearOf(new Date());
    const latest = await this.imports.latestAcademicYear(manager, schoolId);
    return latest !== null && latest > today ? latest : today;
  }

  /** Creates the classes of the file that the school year lacks; returns their ids by name. */
  private async createClasses(
    manager: EntityManager,
    school: ImportSchool,
    names: string[],
    year: string,
  ): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows = await this.imports.createClasses(
      manager,
      school,
      names.map((name) => parseClassName(name)!),
      year,
    );
    return new Map(rows.map((row) => [formatClassName(row.grade, row.letter), row.id]));
  }
}

function toClassOfYear(row: ClassRow & { archived: boolean }): ClassOfYear {
  return { id: row.id, name: formatClassName(row.grade, row.letter), archived: row.archived };
}

/** The classes of a school's file: those of the school year by name, the others to be created; an archived one is an error. */
function classesOfFile(
  placement: Placement,
  ofYear: ClassOfYear[],
): { classes: TargetClass[]; rows: PlanRow[]; errors: SchoolImportError[] } {
  const byName = new Map(ofYear.map((c) => [c.name, c]));
  const classes = new Map<string, TargetClass>();
  const errors: SchoolImportError[] = [];
  const rows: PlanRow[] = [];
  for (const row of placement.placed) {
    const found = byName.get(row.className);
    if (found?.archived) {
      errors.push({
        row: row.number,
        column: null,
        code: 'bad_class',
        message: `Класс ${row.className} этого учебного года в архиве: верните его из архива или исправьте класс в файле`,
      });
      continue;
    }
    const target = classes.get(row.className) ?? {
      key: found ? found.id : `new:${row.className}`,
      name: row.className,
      id: found?.id ?? null,
    };
    classes.set(row.className, target);
    rows.push({
      number: row.number,
      student: row.student,
      parents: row.parents,
      classKey: target.key,
      className: row.className,
    });
  }
  return { classes: [...classes.values()].sort(byClassName), rows, errors };
}

function toPlanRows(placement: Placement, classKey: string): PlanRow[] {
  return placement.placed.map((row) => ({
    number: row.number,
    student: row.student,
    parents: row.parents,
    classKey,
    className: row.className,
  }));
}

function byClassName(a: { name: string }, b: { name: string }): number {
  const pa = parseClassName(a.name);
  const pb = parseClassName(b.name);
  return (pa?.grade ?? 0) - (pb?.grade ?? 0) || a.name.localeCompare(b.name, 'ru');
}

function classPlans(classes: TargetClass[], plan: ImportPlan): ImportClassPlan[] {
  return classes.map((target) => {
    const rows = plan.rows.filter((row) => row.classKey === target.key);
    return { name: target.name, classId: target.id, rows: rows.length, students: countActions(rows) };
  });
}

/** The hashes of the parents' phones in the file: how a sibling in another class is recognised. */
function parentPhones(rows: PlanRow[]): string[] {
  return [
    ...new Set(
      rows
        .flatMap((row) => row.parents.map((parent) => parent.phone))
        .filter((phone): phone is string => phone !== null),
    ),
  ];
}

function ignoredColumns(header: ReadHeader): ImportWarning[] {
  const row = header.layout.lastRow + 1;
  return header.layout.columns.flatMap((column, index): ImportWarning[] => {
    if (header.roles[index] !== null) return [];
    const name = column.header || `[${column.letter}]`;
    const reason = header.reasons[index];
    const message =
      column.header === ''
        ? `Столбец ${column.letter} без заголовка не загружается.`
        : reason === 'duplicate'
          ? `Столбец «${name}» не загружается: эти сведения уже берутся из другого столбца.`
          : reason === 'fourth_adult'
            ? `Столбец «${name}» не загружается: у ученика в строке бывает не больше двух родителей и законного представителя.`
            : `Столбец «${name}» не распознан и не загружается. Если в нём нужные сведения, укажите, что в нём.`;
    return [{ code: 'ignored_column', row, column: name, className: null, message }];
  });
}

/** Cells that lost NUL or other control characters (a broken export): named, so that they can be checked. */
function cleanedCells(table: Table, header: ReadHeader): ImportWarning[] {
  const columnName = (index: number) => {
    const column = header.layout.columns.find((c) => c.index === index);
    return column ? column.header || `[${column.letter}]` : null;
  };
  const warnings: ImportWarning[] = table.cleaned.slice(0, CLEANED_CELLS_LISTED).map((cell) => ({
    code: 'characters_removed',
    row: cell.row + 1,
    column: columnName(cell.column),
    className: null,
    message: 'Из ячейки удалены служебные символы (например, NUL): проверьте, что в ней написано.',
  }));
  if (table.cleaned.length > CLEANED_CELLS_LISTED) {
    const rest = table.cleaned.slice(CLEANED_CELLS_LISTED);
    warnings.push({
      code: 'characters_removed',
      row: null,
      column: null,
      className: null,
      message: `Служебные символы удалены ещё из ${plural(rest.length, OF_CELLS)} (строки ${rowList([...new Set(rest.map((c) => c.row + 1))])}).`,
    });
  }
  return warnings;
}

function howRead(
  read: Omit<ReadFile, 'rows'>,
): Pick<SchoolImportReport, 'headerRow' | 'columns' | 'mapping' | 'mappingSource' | 'savedMappingName'> {
  return {
    headerRow: read.header.layout.lastRow + 1,
    columns: importColumns(read.header),
    mapping: mappingOf(read.header),
    mappingSource: read.mappingSource,
    savedMappingName: read.savedMappingName,
  };
}

const CLASS_IMPORT_CODES: ReadonlySet<string> = new Set(IMPORT_ERROR_CODES);

/** A class import's report: its errors have the class import's codes only, as the class page reads them. */
function asClassReport(report: SchoolImportReport): ImportReport {
  const errors = report.errors.filter((error): error is ImportError => CLASS_IMPORT_CODES.has(error.code));
  if (errors.length !== report.errors.length) throw new Error('A class import made an error of the school import');
  return { ...report, errors };
}

/** A preview answers with its errors; an import with errors is refused whole, with the report in the 422. */
function refuse(commit: boolean, report: SchoolImportReport): SchoolImportReport {
  if (commit && report.errors.length > 0) throw new ImportRefused(report);
  return report;
}

function sortErrors(errors: SchoolImportError[]): SchoolImportError[] {
  return errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

function sortWarnings(warnings: ImportWarning[]): ImportWarning[] {
  return warnings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

function fileError(code: ImportError['code'], message: string): ImportError {
  return { row: null, column: null, code, message };
}

function emptyReport(academicYear: string, errors: SchoolImportError[]): SchoolImportReport {
  const none = { create: 0, update: 0, unchanged: 0 };
  return {
    committed: false,
    rows: 0,
    students: none,
    parents: none,
    families: { create: 0, existing: 0 },
    notInFile: 0,
    errors,
    preview: [],
    headerRow: null,
    columns: [],
    mapping: {},
    mappingSource: 'detected',
    savedMappingName: null,
    warnings: [],
    academicYear,
    classes: [],
    skipped: [],
  };
}
