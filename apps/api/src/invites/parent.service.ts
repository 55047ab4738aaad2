import { Injectable, NotFoundException } from '@nestjs/common';
import { normalizeShortCode, PathCatalogue, type OptOutRequest, type ParentFamily } from '@sferum/contracts';
import { hashToken, looksLikeToken } from '../auth/tokens';
import { RateLimitService } from '../common/rate-limit.service';
import type { Target } from '../progress/progress-plan';
import { toOptOutChoice, toRequestedChange } from '../progress/progress-requests';
import { ProgressService } from '../progress/progress.service';
import type { ParentStatusDto } from '../progress/dto/set-status.dto';
import { LinkSecrets } from './link-secrets';
import { toParentFamily } from './parent-family';
import {
  ParentPageRepository,
  type FamilyRow,
  type LinkKey,
  type LinkLookUp,
  type ParentLink,
  type ParentLinkLimits,
} from './parent-page.repository';

/**
 * Limits. A parents' meeting puts forty families on one school Wi-Fi address,
 * each opening its link and pressing a few buttons within a minute: a working
 * link is therefore never limited by address, only by itself (60 requests a
 * minute: a page view and a post with its redirect are 3, so 20 actions).
 * Guessing is stopped by counting only failed look-ups (an unknown, expired or
 * revoked link or code) per address: after 30 in 15 minutes the address gets
 * 429 until the window ends. A code has 60 bits, so 30 guesses have a chance
 * of about 3·10⁻¹⁷ of hitting any one link. Both are one decision, taken in
 * the statement that finds the link (PARENT_SQL's link and page statements),
 * enforced by RateLimitService.enforce.
 */
const LIMIT_PER_LINK = 60;
const LINK_WINDOW_SECONDS = 60;
const FAILED_LOOKUPS_PER_IP = 30;
const FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60;
/**
 * A link's "opened" time is kept to the minute, as an API key's last use is:
 * a repeat view within a minute writes nothing. The first view's time is
 * exact (the teacher's «открыта» status).
 */
const OPENED_PRECISION_SECONDS = 60;

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

  /**
   * The parent's page: the link, one rate-limit decision and the family in
   * one statement; "opened" at most once a minute.
   */
  async open(secret: unknown, ip: string): Promise<ParentFamily> {
    const lookUp = await this.parentPage.pageWithDecision(this.keyOf(secret), limitsFor(ip));
    const link = await this.admitted(lookUp);
    if (link.openedStale) await this.parentPage.markOpened(link.inviteId);
    // Let through, the statement read the link's family (which always has its school: foreign keys).
    return this.toPage(lookUp.family!, link);
  }

  /**
   * A parent confirms a step or says what blocks it; repeating it changes
   * nothing. With `seen`, a change the school made since the page was loaded
   * is not overwritten: 409 changed_by_school. The family after the change
   * is read back only if `readBack` (a client that reloads the page, as the
   * web's form does, asks for none).
   */
  async setStatus(
    secret: unknown,
    ip: string,
    personId: string,
    target: Target,
    dto: ParentStatusDto,
    { readBack }: AfterChange,
  ): Promise<ParentFamily | undefined> {
    const link = await this.resolve(secret, ip);
    // The family's scope: a person of another family, or archived, is not found (checked under the person's lock).
    await this.progress.apply(
      [{ personId, seen: dto.seen, change: toRequestedChange(target, dto) }],
      { source: 'parent_link', staffId: null },
      { familyId: link.familyId },
    );
    return readBack ? this.family(link) : undefined;
  }

  /**
   * A parent says a person of the family (or, without `personId`, the whole
   * family) does not use Sferum/MAX, with the channel the school uses
   * instead, or changes their mind. Repeating it changes nothing. The family
   * is read back as after a step.
   */
  async setOptOut(
    token: unknown,
    ip: string,
    personId: string | null,
    dto: OptOutRequest,
    { readBack }: AfterChange,
  ): Promise<ParentFamily | undefined> {
    const link = await this.resolve(token, ip);
    const choice = toOptOutChoice(dto);
    const personIds = personId === null ? await this.parentPage.familyMemberIds(link.familyId) : [personId];
    if (personIds.length > 0) {
      await this.progress.setOptOut(
        personIds.map((id) => ({ personId: id })),
        choice,
        { source: 'parent_link', staffId: null },
        { familyId: link.familyId },
      );
    }
    return readBack ? this.family(link) : undefined;
  }

  /** The link behind a token or a short code, with one rate-limit decision in the same statement, enforced. */
  private async resolve(secret: unknown, ip: string): Promise<ParentLink> {
    return this.admitted(await this.parentPage.linkWithDecision(this.keyOf(secret), limitsFor(ip)));
  }

  /**
   * An address with too many failed look-ups is refused whatever it sends;
   * else a failed look-up counted against the address (429 past its limit,
   * else 404), a found link against itself.
   */
  private async admitted({ link, decision }: LinkLookUp): Promise<ParentLink> {
    await this.rateLimits.enforce(decision, link ? LIMIT_PER_LINK : FAILED_LOOKUPS_PER_IP);
    if (!link) throw linkNotFound();
    return link;
  }

  private keyOf(secret: unknown): LinkKey {
    if (looksLikeToken(secret)) return { tokenHash: hashToken(secret) };
    const code = typeof secret === 'string' ? normalizeShortCode(secret) : null;
    return code ? { codeHash: this.secrets.codeHash(code) } : null;
  }

  private async family(link: ParentLink): Promise<ParentFamily> {
    // A link's family always has its school (foreign keys).
    return this.toPage((await this.parentPage.family(link.familyId))!, link);
  }

  private toPage(row: FamilyRow, link: ParentLink): ParentFamily {
    return toParentFamily(row, this.catalogue.get(row.path_id), link.expiresAt);
  }
}

/** Whether a parent's change answers with the family read back after it. */
export interface AfterChange {
  readBack: boolean;
}

function limitsFor(ip: string): ParentLinkLimits {
  return {
    failedLookUps: {
      bucket: `parent-failed-ip:${ip}`,
      windowSeconds: FAILED_LOOKUP_WINDOW_SECONDS,
      limit: FAILED_LOOKUPS_PER_IP,
    },
    link: { bucketPrefix: 'parent-link:', windowSeconds: LINK_WINDOW_SECONDS, limit: LIMIT_PER_LINK },
    openedPrecisionSeconds: OPENED_PRECISION_SECONDS,
  };
}

function linkNotFound(): NotFoundException {
  return new NotFoundException('This link does not work: ask your class teacher for a new one');
}
