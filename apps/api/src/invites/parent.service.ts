import { Injectable, NotFoundException } from '@nestjs/common';
import {
  formatClassName,
  normalizeShortCode,
  PathCatalogue,
  stepIdsOf,
  type ChatKind,
  type OptOutRequest,
  type ParentFamily,
  type ParentStep,
  type ProgressSource,
} from '@sferum/contracts';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { RateLimitService, TooManyRequestsException } from '../common/rate-limit.service';
import type { Target } from '../progress/progress-plan';
import { toOptOutChoice, toRequestedChange } from '../progress/progress-requests';
import { ProgressService } from '../progress/progress.service';
import type { ParentStatusDto } from '../progress/dto/set-status.dto';
import { LinkSecrets } from './link-secrets';
import { ParentPageRepository, type ParentLink } from './parent-page.repository';

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

/**
 * The parent's side: a link (or its short code) opens exactly one family, and
 * every read and write is limited to that family's people. Unknown, expired
 * and revoked links and codes all get the same 404.
 */
@Injectable()
export class ParentService {
  constructor(
    private readonly parentPage: ParentPageRepository,
    private readonly progress: ProgressService,
    private readonly rateLimits: RateLimitService,
    private readonly catalogue: PathCatalogue,
    private readonly secrets: LinkSecrets,
  ) {}

  async open(secret: unknown, ip: string): Promise<ParentFamily> {
    const link = await this.resolve(secret, ip);
    await this.parentPage.markOpened(link.inviteId);
    return this.family(link);
  }

  /**
   * A parent confirms a step or says what blocks it; repeating it changes
   * nothing. With `seen`, a change the school made since the page was loaded
   * is not overwritten: 409 changed_by_school.
   */
  async setStatus(
    secret: unknown,
    ip: string,
    personId: string,
    target: Target,
    dto: ParentStatusDto,
  ): Promise<ParentFamily> {
    const link = await this.resolve(secret, ip);
    if (!(await this.parentPage.isFamilyMember(personId, link.familyId)))
      throw new NotFoundException('Person not found');
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
      personIds = await this.parentPage.familyMemberIds(link.familyId);
    } else {
      if (!(await this.parentPage.isFamilyMember(personId, link.familyId)))
        throw new NotFoundException('Person not found');
      personIds = [personId];
    }
    if (personIds.length > 0) {
      await this.progress.setOptOut(
        personIds.map((id) => ({ personId: id })),
        choice,
        { source: 'parent_link', staffId: null },
      );
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

  private async lookUp(secret: unknown): Promise<ParentLink | undefined> {
    if (looksLikeToken(secret)) return this.parentPage.linkByTokenHash(hashToken(secret));
    const code = typeof secret === 'string' ? normalizeShortCode(secret) : null;
    return code ? this.parentPage.linkByCodeHash(this.secrets.codeHash(code)) : undefined;
  }

  private async family(link: ParentLink): Promise<ParentFamily> {
    // A link's family always has its school (foreign keys).
    const school = (await this.parentPage.familySchool(link.familyId))!;
    const path = this.catalogue.get(school.path_id);
    const classes = await this.parentPage.familyClasses(link.familyId);
    const people = await this.parentPage.familyPeople(link.familyId, stepIdsOf(path));
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
        className:
          person.grade !== null && person.letter !== null ? formatClassName(person.grade, person.letter) : null,
        steps: (person.steps ?? []).map(({ source, updatedAt, ...step }) => ({
          ...step,
          ...marked(source, updatedAt),
        })),
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
function marked(
  source: ProgressSource | null,
  updatedAt: string,
): { markedBy: ParentStep['markedBy']; updatedAt: string | null } {
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
