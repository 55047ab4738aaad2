import { Injectable, NotFoundException } from '@nestjs/common';
import {
  formatClassName,
  type ChatKind,
  type ParentChat,
  type ParentFamily,
  type ParentPerson,
  type ParentStep,
  type ProgressSource,
} from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { RateLimitService } from '../common/rate-limit.service';
import type { Target } from '../progress/progress-plan';
import { toRequestedChange } from '../progress/progress-requests';
import { ProgressService } from '../progress/progress.service';
import type { StatusDto } from '../progress/dto/set-status.dto';
import { PARENT_SQL } from './parent.sql';

export interface ParentLink {
  familyId: string;
  expiresAt: Date;
}

/** Per minute: a family's page is opened and its buttons pressed far less often than this. */
const LIMIT_PER_IP = 120;
const LIMIT_PER_LINK = 60;

/**
 * The parent's side: a link opens exactly one family, and every read and write
 * is limited to that family's people. Unknown, expired and revoked links all
 * get the same 404.
 */
@Injectable()
export class ParentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async open(token: unknown, ip: string): Promise<ParentFamily> {
    const link = await this.resolve(token, ip);
    await this.dataSource.query(
      PARENT_SQL.linkOpened,
      [hashToken(token as string)],
    );
    return this.family(link);
  }

  /** A parent confirms a step or says what blocks it; repeating it changes nothing. */
  async setStatus(token: unknown, ip: string, personId: string, target: Target, dto: StatusDto): Promise<ParentFamily> {
    const link = await this.resolve(token, ip);
    const member = await this.dataSource.query<unknown[]>(
      PARENT_SQL.familyMember,
      [personId, link.familyId],
    );
    if (member.length === 0) throw new NotFoundException('Person not found');
    await this.progress.apply([{ personId, change: toRequestedChange(target, dto) }], { source: 'parent_link', staffId: null });
    return this.family(link);
  }

  private async resolve(token: unknown, ip: string): Promise<ParentLink> {
    await this.rateLimits.consume(`parent-ip:${ip}`, LIMIT_PER_IP, 60);
    if (!looksLikeToken(token)) throw linkNotFound();
    const tokenHash = hashToken(token);
    await this.rateLimits.consume(`parent-link:${tokenHash.toString('hex').slice(0, 32)}`, LIMIT_PER_LINK, 60);
    const rows = await this.dataSource.query<Array<{ family_id: string; expires_at: Date }>>(
      PARENT_SQL.linkByToken,
      [tokenHash],
    );
    if (!rows[0]) throw linkNotFound();
    return { familyId: rows[0].family_id, expiresAt: rows[0].expires_at };
  }

  private async family(link: ParentLink): Promise<ParentFamily> {
    const [school] = await this.dataSource.query<Array<{ name: string; messenger: ParentFamily['messenger'] }>>(
      PARENT_SQL.familySchool,
      [link.familyId],
    );
    const people = await this.dataSource.query<
      Array<{
        id: string;
        kind: ParentPerson['kind'];
        display_name: string;
        grade: number | null;
        letter: string | null;
        steps: Array<Omit<ParentStep, 'markedBy'> & { source: ProgressSource | null }>;
        chats: Array<Omit<ParentChat, 'name'> & { subject: string | null; grade: number | null; letter: string | null }>;
      }>
    >(
      PARENT_SQL.familyPeople,
      [link.familyId],
    );
    return {
      schoolName: school.name,
      messenger: school.messenger,
      expiresAt: link.expiresAt.toISOString(),
      people: people.map((person) => ({
        id: person.id,
        kind: person.kind,
        displayName: person.display_name,
        className: person.grade !== null && person.letter !== null ? formatClassName(person.grade, person.letter) : null,
        steps: person.steps.map(({ source, ...step }) => ({ ...step, markedBy: markedBy(source) })),
        chats: person.chats.map(({ subject, grade, letter, ...chat }) => ({
          ...chat,
          name: chatName(chat.kind, subject, grade, letter),
        })),
      })),
    };
  }
}

function markedBy(source: ProgressSource | null): ParentStep['markedBy'] {
  if (source === null) return null;
  return source === 'parent_link' ? 'parent' : 'school';
}

/** A subject chat is named by its subject, a class chat by its class ("5А"), the school chat by nothing. */
function chatName(kind: ChatKind, subject: string | null, grade: number | null, letter: string | null): string | null {
  if (kind === 'subject') return subject;
  if (kind === 'class' && grade !== null && letter !== null) return formatClassName(grade, letter);
  return null;
}

function linkNotFound(): NotFoundException {
  return new NotFoundException('This link does not work: ask your class teacher for a new one');
}
