import { Injectable, NotFoundException } from '@nestjs/common';
import { parentPagePath, SHORT_CODE_PAGE_PATH, type FamilyInvite, type InviteStatus } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { hashToken, newToken } from '../auth/tokens';
import { AppConfig } from '../config/app-config';
import { InvitesRepository, type FamilyInviteRow } from './invites.repository';
import { LinkSecrets } from './link-secrets';

/** A link works until the end of the academic year: 31 August, 23:59 Moscow time. */
export function endOfAcademicYear(now: Date): Date {
  const moscow = new Date(now.getTime() + 3 * 3_600_000);
  const year = moscow.getUTCMonth() >= 8 ? moscow.getUTCFullYear() + 1 : moscow.getUTCFullYear();
  return new Date(`${year}-08-31T23:59:59+03:00`);
}

/** The teacher's side of parent links: issue, show again, regenerate, revoke, remember reminders. */
@Injectable()
export class InvitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invites: InvitesRepository,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly secrets: LinkSecrets,
  ) {}

  /** Every family of the class with where its link stands. */
  async list(auth: AuthContext, classId: string): Promise<FamilyInvite[]> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const rows = await this.invites.familiesOfClass(classId);
    return rows
      .map((row) => this.toInvite(row))
      .sort((a, b) => (a.students[0] ?? '').localeCompare(b.students[0] ?? '', 'ru'));
  }

  /**
   * Links for the given families of the class: new ones where none is active,
   * or, with `regenerate`, new ones for all (the old ones stop working).
   */
  async issue(auth: AuthContext, classId: string, familyIds: string[], regenerate: boolean): Promise<FamilyInvite[]> {
    await this.access.requireAccess(auth, 'class.work', classId);
    const inClass = await this.invites.familiesInClass(classId, familyIds);
    if (inClass.length !== new Set(familyIds).size) throw new NotFoundException('Family not found in this class');
    const expiresAt = endOfAcademicYear(new Date());
    await this.dataSource.transaction(async (manager) => {
      if (regenerate) {
        await this.invites.revokeActive(manager, familyIds);
      } else {
        // An expired link is not active any more: it makes room for a new one.
        await this.invites.revokeExpired(manager, familyIds);
      }
      const links = inClass.map((family) => {
        const token = newToken();
        return {
          ...family,
          tokenHash: hashToken(token),
          tokenEncrypted: this.secrets.encrypt(token),
          codeHash: this.secrets.codeHash(this.secrets.codeOf(token)),
        };
      });
      await this.invites.insertUnlessActive(manager, links, auth.userId, expiresAt);
    });
    const wanted = new Set(familyIds);
    return (await this.list(auth, classId)).filter((invite) => wanted.has(invite.familyId));
  }

  async revoke(auth: AuthContext, familyId: string): Promise<void> {
    await this.access.requireAccess(auth, 'family.work', familyId);
    await this.invites.revokeForFamily(familyId);
  }

  async markReminded(auth: AuthContext, familyId: string): Promise<void> {
    await this.access.requireAccess(auth, 'family.work', familyId);
    await this.invites.markReminded(familyId);
  }

  private toInvite(row: FamilyInviteRow): FamilyInvite {
    const token = row.token_encrypted ? this.secrets.decrypt(row.token_encrypted) : null;
    return {
      familyId: row.family_id,
      students: row.students,
      parents: row.parents,
      status: inviteStatus(token !== null, row),
      link: token ? `${this.config.PUBLIC_WEB_URL}${parentPagePath(token)}` : null,
      code: token ? this.secrets.formattedCodeOf(token) : null,
      shortAddress: `${this.config.PUBLIC_WEB_URL}${SHORT_CODE_PAGE_PATH}`,
      problems: row.problems,
      optedOut: row.opted_out,
      issuedAt: iso(token ? row.created_at : null),
      expiresAt: iso(token ? row.expires_at : null),
      firstOpenedAt: iso(token ? row.first_opened_at : null),
      lastOpenedAt: iso(token ? row.last_opened_at : null),
      lastRemindedAt: iso(row.last_reminded_at),
    };
  }
}

/** What the teacher most needs to know first: everyone said no, someone is stuck, then how far the link got. */
function inviteStatus(active: boolean, row: FamilyInviteRow): InviteStatus {
  if (row.people > 0 && row.opted_out === row.people) return 'opted_out';
  if (!active) return 'none';
  if (row.problems > 0) return 'problem';
  if (row.confirmed) return 'confirmed';
  return row.first_opened_at ? 'opened' : 'issued';
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
