import { Injectable, NotFoundException } from '@nestjs/common';
import { parentPagePath, SHORT_CODE_PAGE_PATH, type FamilyInvite, type InviteStatus } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { hashToken, newToken } from '../auth/tokens';
import { AppConfig } from '../config/app-config';
import { LinkSecrets } from './link-secrets';

interface FamilyInviteRow {
  family_id: string;
  students: string[];
  parents: string[];
  token_encrypted: Buffer | null;
  created_at: Date | null;
  expires_at: Date | null;
  first_opened_at: Date | null;
  last_opened_at: Date | null;
  last_reminded_at: Date | null;
  confirmed: boolean;
  people: number;
  opted_out: number;
  problems: number;
}

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
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly secrets: LinkSecrets,
  ) {}

  /** Every family of the class with where its link stands. */
  async list(auth: AuthContext, classId: string): Promise<FamilyInvite[]> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const rows = await this.dataSource.query<FamilyInviteRow[]>(
      `WITH families AS (
         SELECT DISTINCT family_id FROM person WHERE class_id = $1 AND kind = 'student' AND archived_at IS NULL
       )
       SELECT f.id AS family_id,
              ARRAY(SELECT display_name FROM person WHERE family_id = f.id AND class_id = $1 AND archived_at IS NULL ORDER BY display_name) AS students,
              ARRAY(SELECT display_name FROM person WHERE family_id = f.id AND kind = 'parent' AND archived_at IS NULL ORDER BY display_name) AS parents,
              i.token_encrypted, i.created_at, i.expires_at, i.first_opened_at, i.last_opened_at, f.last_reminded_at,
              (i.id IS NOT NULL AND EXISTS (
                 SELECT 1 FROM progress_event e JOIN person p ON p.id = e.person_id
                 WHERE p.family_id = f.id AND e.source = 'parent_link' AND e.created_at >= i.created_at)) AS confirmed,
              (SELECT count(*)::int FROM person p WHERE p.family_id = f.id AND p.archived_at IS NULL) AS people,
              (SELECT count(*)::int FROM person p WHERE p.family_id = f.id AND p.archived_at IS NULL AND p.opted_out_at IS NOT NULL) AS opted_out,
              (SELECT count(*)::int FROM person p
                 JOIN LATERAL (SELECT status, updated_source FROM person_step WHERE person_id = p.id
                               UNION ALL
                               SELECT cm.status, cm.updated_source FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
                               WHERE cm.person_id = p.id) item ON item.status = 'blocked' AND item.updated_source = 'parent_link'
               WHERE p.family_id = f.id AND p.archived_at IS NULL AND p.opted_out_at IS NULL) AS problems
       FROM families JOIN family f ON f.id = families.family_id
       LEFT JOIN invite i ON i.family_id = f.id AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [classId],
    );
    return rows
      .map((row) => this.toInvite(row))
      .sort((a, b) => (a.students[0] ?? '').localeCompare(b.students[0] ?? '', 'ru'));
  }

  /**
   * Links for the given families of the class: new ones where none is active,
   * or, with `regenerate`, new ones for all (the old ones stop working).
   */
  async issue(auth: AuthContext, classId: string, familyIds: string[], regenerate: boolean): Promise<FamilyInvite[]> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const inClass = await this.dataSource.query<Array<{ family_id: string; school_id: string; district_id: string }>>(
      `SELECT DISTINCT family_id, school_id, district_id FROM person
       WHERE class_id = $1 AND kind = 'student' AND archived_at IS NULL AND family_id = ANY($2::uuid[])`,
      [classId, familyIds],
    );
    if (inClass.length !== new Set(familyIds).size) throw new NotFoundException('Family not found in this class');
    const expiresAt = endOfAcademicYear(new Date());
    await this.dataSource.transaction(async (manager) => {
      if (regenerate) {
        await manager.query(`UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [
          familyIds,
        ]);
      } else {
        // An expired link is not active any more: it makes room for a new one.
        await manager.query(
          `UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at <= now()`,
          [familyIds],
        );
      }
      const tokens = inClass.map(() => newToken());
      await manager.query(
        `INSERT INTO invite (district_id, school_id, family_id, token_hash, token_encrypted, code_hash, created_by, expires_at)
         SELECT u.district_id, u.school_id, u.family_id, u.token_hash, u.token_encrypted, u.code_hash, $7, $8
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
              AS u(district_id, school_id, family_id, token_hash, token_encrypted, code_hash)
         ON CONFLICT (family_id) WHERE revoked_at IS NULL DO NOTHING`,
        [
          inClass.map((row) => row.district_id),
          inClass.map((row) => row.school_id),
          inClass.map((row) => row.family_id),
          tokens.map((token) => hashToken(token)),
          tokens.map((token) => this.secrets.encrypt(token)),
          tokens.map((token) => this.secrets.codeHash(this.secrets.codeOf(token))),
          auth.userId,
          expiresAt,
        ],
      );
    });
    const wanted = new Set(familyIds);
    return (await this.list(auth, classId)).filter((invite) => wanted.has(invite.familyId));
  }

  async revoke(auth: AuthContext, familyId: string): Promise<void> {
    await this.access.requireAccess(auth, 'family.work', familyId);
    await this.dataSource.query(`UPDATE invite SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  async markReminded(auth: AuthContext, familyId: string): Promise<void> {
    await this.access.requireAccess(auth, 'family.work', familyId);
    await this.dataSource.query(`UPDATE family SET last_reminded_at = now() WHERE id = $1`, [familyId]);
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
