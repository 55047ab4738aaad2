import { Injectable } from '@nestjs/common';
import {
  findBlocker,
  formatClassName,
  type ChatSummary,
  type OnboardingPath,
  type RosterPerson,
} from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../auth/auth-context';
import { AccessPolicy } from '../../auth/access-policy.service';
import { PeopleViewRepository } from '../../progress/people-view.repository';
import { SchoolPaths } from '../../paths/school-paths.service';
import { RosterRepository } from '../roster.repository';
import { exportHeaders, KIND_LABELS, OPT_OUT_CHANNEL_LABELS, STATUS_LABELS } from './export-labels.ru';
import { render, type Sheet, type SpreadsheetFormat } from '../../common/spreadsheet';

export interface ExportFile {
  fileName: string;
  content: Buffer;
}

/** The roster with everyone's progress as a spreadsheet, for a class or a whole school. */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly schoolPaths: SchoolPaths,
    private readonly peopleView: PeopleViewRepository,
    private readonly roster: RosterRepository,
  ) {}

  async classExport(auth: AuthContext, classId: string, format: SpreadsheetFormat): Promise<ExportFile> {
    const schoolClass = await this.access.requireAccess(auth, 'class.read', classId);
    const name = formatClassName(schoolClass.grade, schoolClass.letter);
    const path = await this.schoolPaths.of(this.dataSource.manager, schoolClass.schoolId);
    const sheet: Sheet = {
      name,
      headers: exportHeaders(path),
      rows: await this.classRows(path, classId, name, { next: 1 }),
    };
    return { fileName: `класс-${name}.${format}`, content: await render(sheet, format) };
  }

  async schoolExport(auth: AuthContext, schoolId: string, format: SpreadsheetFormat): Promise<ExportFile> {
    await this.access.requireAccess(auth, 'school.export', schoolId);
    const classes = await this.roster.activeClassesOfSchool(schoolId);
    const path = await this.schoolPaths.of(this.dataSource.manager, schoolId);
    const familyNumber = { next: 1 };
    const rows: Sheet['rows'] = [];
    for (const schoolClass of classes) {
      rows.push(
        ...(await this.classRows(
          path,
          schoolClass.id,
          formatClassName(schoolClass.grade, schoolClass.letter),
          familyNumber,
        )),
      );
    }
    return {
      fileName: `школа.${format}`,
      content: await render({ name: 'Школа', headers: exportHeaders(path), rows }, format),
    };
  }

  private async classRows(
    path: OnboardingPath,
    classId: string,
    className: string,
    familyNumber: { next: number },
  ): Promise<Sheet['rows']> {
    const manager = this.dataSource.manager;
    const chats = await this.peopleView.loadClassChats(manager, classId);
    const families = await this.peopleView.loadClassFamilies(manager, path, classId, false);
    const rows: Sheet['rows'] = [];
    for (const family of families) {
      const number = familyNumber.next++;
      for (const person of [...family.students, ...family.parents]) {
        rows.push([
          className,
          number,
          KIND_LABELS[person.kind],
          person.displayName,
          ...progressCells(path, person, chats),
        ]);
      }
    }
    return rows;
  }
}

function progressCells(path: OnboardingPath, person: RosterPerson, chats: ChatSummary[]): string[] {
  const step = (id: string) => STATUS_LABELS[person.steps.find((s) => s.step === id)?.status ?? 'not_started'];
  // The person's own chat of that kind: on MAX a class has one chat with parents and one with students.
  const chatStatus = (kind: ChatSummary['kind']) => {
    const membership = person.chats.find((m) => chats.some((c) => c.id === m.chatId && c.kind === kind));
    return membership ? STATUS_LABELS[membership.status] : '—';
  };
  const reasonLabel = (reason: string) => findBlocker(path, reason)?.label.ru.toLocaleLowerCase('ru-RU') ?? reason;
  const optOut = person.optOut
    ? [OPT_OUT_CHANNEL_LABELS[person.optOut.channel], person.optOut.note].filter(Boolean).join(': ')
    : '';
  const subjectIds = new Set(chats.filter((c) => c.kind === 'subject').map((c) => c.id));
  const subjects = person.chats.filter((m) => subjectIds.has(m.chatId));
  const blockers = [...person.steps, ...person.chats].filter((item) => item.status === 'blocked');
  return [
    ...path.steps.map((s) => step(s.id)),
    chatStatus('class'),
    chatStatus('school'),
    subjects.length === 0 ? '—' : `${subjects.filter((m) => m.status === 'joined').length} из ${subjects.length}`,
    optOut,
    [...new Set(blockers.map((b) => (b.blockerReason ? reasonLabel(b.blockerReason) : '')))].filter(Boolean).join('; '),
    blockers
      .map((b) => b.blockerNote)
      .filter(Boolean)
      .join('; '),
  ];
}
