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
import { ParentPageRepository, type ParentLink } from './parent-page.repository';

/**
 * Limits. A parents' meeting puts forty families on one school Wi-Fi address,
 * each opening its link and pressing a few buttons within a minute: a working
 * link is therefore never limited by address, only by itself (60 requests a
 * minute: a page view and a post with its redirect are 3, so 20 actions).
 * Guessing is stopped by counting only failed look-ups (an unknown, expired or
 * revoked link or code) per address: after 30 in 15 minutes the address gets
 * 429 until the window ends. A code has 60 bits, so 30 guesses have a chance
 * of about 3·10⁻¹⁷ of hitting any one link. Both are one decision in one
 * statement per request (RateLimitService.consumeUnlessBlocked).
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

  /** The parent's page: the link, one rate-limit decision, the family in one read; "opened" at most once a minute. */
  async open(secret: unknown, ip: string): Promise<ParentFamily> {
    const link = await this.resolve(secret, ip);
    if (link.openedStale) await this.parentPage.markOpened(link.inviteId);
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
    // The family's scope: a person of another family, or archived, is not found (checked under the person's lock).
    await this.progress.apply(
      [{ personId, seen: dto.seen, change: toRequestedChange(target, dto) }],
      { source: 'parent_link', staffId: null },
      { familyId: link.familyId },
    );
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
    const personIds = personId === null ? await this.parentPage.familyMemberIds(link.familyId) : [personId];
    if (personIds.length > 0) {
      await this.progress.setOptOut(
        personIds.map((id) => ({ personId: id })),
        choice,
        { source: 'parent_link', staffId: null },
        { familyId: link.familyId },
      );
    }
    return this.family(link);
  }

  /**
   * The link behind a token or a short code, and one rate-limit decision: an
   * address with too many failed look-ups is refused whatever it sends; else a
   * failed look-up counts against the address, a found link against itself.
   */
  private async resolve(secret: unknown, ip: string): Promise<ParentLink> {
    const link = await this.lookUp(secret);
    const failures = { bucket: `parent-failed-ip:${ip}`, windowSeconds: FAILED_LOOKUP_WINDOW_SECONDS };
    if (!link) {
      await this.rateLimits.consumeUnlessBlocked(failures, FAILED_LOOKUPS_PER_IP, failures, FAILED_LOOKUPS_PER_IP);
      throw linkNotFound();
    }
    await this.rateLimits.consumeUnlessBlocked(
      failures,
      FAILED_LOOKUPS_PER_IP,
      { bucket: `parent-link:${link.inviteId}`, windowSeconds: LINK_WINDOW_SECONDS },
      LIMIT_PER_LINK,
    );
    return link;
  }

  private async lookUp(secret: unknown): Promise<ParentLink | undefined> {
    if (looksLikeToken(secret)) return this.parentPage.linkByTokenHash(hashToken(secret), OPENED_PRECISION_SECONDS);
    const code = typeof secret === 'string' ? normalizeShortCode(secret) : null;
    return code ? this.parentPage.linkByCodeHash(this.secrets.codeHash(code), OPENED_PRECISION_SECONDS) : undefined;
  }

  private async family(link: ParentLink): Promise<ParentFamily> {
    // A link's family always has its school (foreign keys).
    const row = (await this.parentPage.family(link.familyId))!;
    return toParentFamily(row, this.catalogue.get(row.path_id), link.expiresAt);
  }
}

function linkNotFound(): NotFoundException {
  return new NotFoundException('This link does not work: ask your class teacher for a new one');
}
