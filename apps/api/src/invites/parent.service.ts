import { Injectable, NotFoundException } from '@nestjs/common';
import {
  formatClassName,
  normalizeShortCode,
  PathCatalogue,
  stepIdsOf,
  type ChatKind,
  type OptOut,
  type OptOutRequest,
  type ParentChat,
  type ParentFamily,
  type ParentPerson,
  type ParentStep,
  type ProgressSource,
} from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { RateLimitService, TooManyRequestsException } from '../common/rate-limit.service';
import type { Target } from '../progress/progress-plan';
import { toOptOutChoice, toRequestedChange } from '../progress/progress-requests';
import { ProgressService } from '../progress/progress.service';
import type { ParentStatusDto } from '../progress/dto/set-status.dto';
import { LinkSecrets } from './link-secrets';
import { PARENT_SQL } from './parent.sql';

export interface ParentLink {
  inviteId: string;
  familyId: string;
  expiresAt: Date;
}

/**
 * Limits. A parents' meeting puts forty families on one school Wi-Fi address,
 * each opening its link and pressing a few buttons within a minute: a working
 * link is therefore never limited by address, only by itself (60 requests a
 * minute: a page view and a post with its redirect are 3, so 20 actions).
 * Guessing is stopped by counting only failed look-ups (an unknown, expired or
 * revoked link or code) per address: after 30 in 15 minutes the address gets
 * 429 until the window ends. A code has 60 bits, so 30 guesses have a chance
 * of about 3·10⁻¹⁷ of hitting any one link.
 */
const LIMIT_PER_LINK = 60;
const FAILED_LOOKUPS_PER_IP = 30;
const FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60;

type RowPerson = {
  id: string;
  kind: ParentPerson['kind'];
  display_name: string;
  grade: number | null;
  letter: string | null;
  steps: Array<Omit<ParentStep, 'markedBy' | 'updatedAt'> & { source: ProgressSource | null; updatedAt: string }>;
  chats: Array<
    Omit<ParentChat, 'name' | 'markedBy' | 'updatedAt'> & {
      subject: string | null;
      grade: number | null;
      letter: string | null;
      source: ProgressSource | null;
      updatedAt: string;
    }
  >;
  opt_out: (Omit<OptOut, 'at'> & { at: string }) | null;
};

/**
 * The parent's side: a link (or its short code) opens exactly one family, and
 * every read and write is limited to that family's people. Unknown, expired
 * and revoked links and codes all get the same 404.
 */
@Injectable()
export class ParentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
    private readonly rateLimits: RateLimitService,
    private readonly catalogue: PathCatalogue,
    private readonly secrets: LinkSecrets,
  ) {}

  async open(secret: unknown, ip: string): Promise<ParentFamily> {
    const link = await this.resolve(secret, ip);
    await this.dataSource.query(PARENT_SQL.linkOpened, [link.inviteId]);
    return this.family(link);
  }

  /**
   * A parent confirms a step or says what blocks it; repeating it changes
   * nothing. With `seen`, a change the school made since the page was loaded
   * is not overwritten: 409 changed_by_school.
   */
  async setStatus(secret: unknown, ip: string, personId: string, target: Target, dto: ParentStatusDto): Promise<ParentFamily> {
    const link = await this.resolve(secret, ip);
    const member = await this.dataSource.query<unknown[]>(PARENT_SQL.familyMember, [personId, link.familyId]);
    if (member.length === 0) throw new NotFoundException('Person not found');
    await this.progress.apply([{ personId, seen: dto.seen, change: toRequestedChange(target, dto) }], {
      source: 'parent_link',
      staffId: null,
    });
    return this.family(link);
  }

  /**
   * A parent says a person of the family (or, without `personId`, the whole
   * family) does not use Sferum/MAX, with the channel the school uses
   * instead, or changes their mind. Repeating it changes nothing.
   */
  async setOptOut(token: unknown, ip: string, personId: string | null, dto: OptOutRequest): Promise<ParentFamily> {
    const link = await this.resolve(token, ip);
    const choice = toOptOutChoice(dto);
    let personIds: string[];
    if (personId === null) {
      const members = await this.dataSource.query<Array<{ id: string }>>(PARENT_SQL.familyMembers, [link.familyId]);
      personIds = members.map((member) => member.id);
    } else {
      const member = await this.dataSource.query<unknown[]>(PARENT_SQL.familyMember, [personId, link.familyId]);
      if (member.length === 0) throw new NotFoundException('Person not found');
      personIds = [personId];
    }
    if (personIds.length > 0) {
      await this.progress.setOptOut(personIds.map((id) => ({ personId: id })), choice, { source: 'parent_link', staffId: null });
    }
    return this.family(link);
  }

  /** The link behind a token or a short code; only failed look-ups count against the address. */
  private async resolve(secret: unknown, ip: string): Promise<ParentLink> {
    const failures = `parent-failed-ip:${ip}`;
    const state = await this.rateLimits.peek(failures, FAILED_LOOKUP_WINDOW_SECONDS);
    if (state.hits >= FAILED_LOOKUPS_PER_IP) throw new TooManyRequestsException(state.retryAfterSeconds);
    const link = await this.lookUp(secret);
    if (!link) {
      await this.rateLimits.hit(failures, FAILED_LOOKUP_WINDOW_SECONDS);
      throw linkNotFound();
    }
    await this.rateLimits.consume(`parent-link:${link.inviteId}`, LIMIT_PER_LINK, 60);
    return link;
  }

  private async lookUp(secret: unknown): Promise<ParentLink | null> {
    let rows: Array<{ id: string; family_id: string; expires_at: Date }> = [];
    if (looksLikeToken(secret)) {
      rows = await this.dataSource.query(PARENT_SQL.linkByToken, [hashToken(secret)]);
    } else {
      const code = typeof secret === 'string' ? normalizeShortCode(secret) : null;
      if (code) rows = await this.dataSource.query(PARENT_SQL.linkByCode, [this.secrets.codeHash(code)]);
    }
    const row = rows[0];
    return row ? { inviteId: row.id, familyId: row.family_id, expiresAt: row.expires_at } : null;
  }

  private async family(link: ParentLink): Promise<ParentFamily> {
    const [school] = await this.dataSource.query<Array<{ id: string; name: string; path_id: string; step_notes: Record<string, string> }>>(
      PARENT_SQL.familySchool,
      [link.familyId],
    );
    const path = this.catalogue.get(school.path_id);
    const classes = await this.dataSource.query<
      Array<{ grade: number; letter: string; parent_contact: string | null; deadline: string | null; teachers: string[] }>
    >(PARENT_SQL.familyClasses, [link.familyId]);
    const people = await this.dataSource.query<RowPerson[]>(PARENT_SQL.familyPeople, [link.familyId, stepIdsOf(path)]);
    return {
      schoolName: school.name,
      pathId: path.id,
      stepNotes: school.step_notes,
      classes: classes.map((row) => ({
        className: formatClassName(row.grade, row.letter),
        teachers: row.teachers,
        parentContact: row.parent_contact,
        deadline: row.deadline,
      })),
      expiresAt: link.expiresAt.toISOString(),
      people: people.map((person) => ({
        id: person.id,
        kind: person.kind,
        displayName: person.display_name,
        className: person.grade !== null && person.letter !== null ? formatClassName(person.grade, person.letter) : null,
        steps: (person.steps ?? []).map(({ source, updatedAt, ...step }) => ({ ...step, ...marked(source, updatedAt) })),
        chats: person.chats.map(({ subject, grade, letter, source, updatedAt, ...chat }) => ({
          ...chat,
          name: chatName(chat.kind, subject, grade, letter),
          ...marked(source, updatedAt),
        })),
        optOut: person.opt_out ? { ...person.opt_out, at: new Date(person.opt_out.at).toISOString() } : null,
      })),
    };
  }
}

/** Who marked an item and when, as the parent's page shows it and sends it back (`seen`); untouched: null. */
function marked(source: ProgressSource | null, updatedAt: string): { markedBy: ParentStep['markedBy']; updatedAt: string | null } {
  if (source === null) return { markedBy: null, updatedAt: null };
  return { markedBy: source === 'parent_link' ? 'parent' : 'school', updatedAt: new Date(updatedAt).toISOString() };
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
