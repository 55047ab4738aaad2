import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A family of a class with its active link (the invite columns are null without one) and what its people did. */
export interface FamilyInviteRow {
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

/** A family with a student in the class, and where its link is to be filed. */
export interface FamilyInClass {
  familyId: string;
  schoolId: string;
  districtId: string;
}

/** A link to store: the token's hash, the token encrypted (to show it again) and its short code's hash. */
export interface NewInvite extends FamilyInClass {
  tokenHash: Buffer;
  tokenEncrypted: Buffer;
  codeHash: Buffer;
}

/**
 * `invite` as the teacher works with it, and the families' reminder mark
 * (typed raw SQL). A family has at most one unrevoked link (a partial unique index).
 */
@Injectable()
export class InvitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every family with a student in the class, with its active (unrevoked, unexpired) link if any. */
  familiesOfClass(classId: string): Promise<FamilyInviteRow[]> {
    return this.dataSource.query<FamilyInviteRow[]>(
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
  }

  /** Those of the families that have an unarchived student in the class. */
  async familiesInClass(classId: string, familyIds: readonly string[]): Promise<FamilyInClass[]> {
    const rows = await this.dataSource.query<Array<{ family_id: string; school_id: string; district_id: string }>>(
      `SELECT DISTINCT family_id, school_id, district_id FROM person
       WHERE class_id = $1 AND kind = 'student' AND archived_at IS NULL AND family_id = ANY($2::uuid[])`,
      [classId, familyIds],
    );
    return rows.map((row) => ({ familyId: row.family_id, schoolId: row.school_id, districtId: row.district_id }));
  }

  /** Revokes the families' unrevoked links. */
  async revokeActive(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [familyIds],
    );
  }

  /** Revokes the families' expired links, which makes room for new ones. */
  async revokeExpired(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE invite SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at <= now()`,
      [familyIds],
    );
  }

  /** Stores the links in one statement; a family that still has an unrevoked link keeps it. */
  async insertUnlessActive(
    manager: EntityManager,
    invites: readonly NewInvite[],
    createdBy: string,
    expiresAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO invite (district_id, school_id, family_id, token_hash, token_encrypted, code_hash, created_by, expires_at)
         SELECT u.district_id, u.school_id, u.family_id, u.token_hash, u.token_encrypted, u.code_hash, $7, $8
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bytea[], $5::bytea[], $6::bytea[])
              AS u(district_id, school_id, family_id, token_hash, token_encrypted, code_hash)
         ON CONFLICT (family_id) WHERE revoked_at IS NULL DO NOTHING`,
      [
        invites.map((invite) => invite.districtId),
        invites.map((invite) => invite.schoolId),
        invites.map((invite) => invite.familyId),
        invites.map((invite) => invite.tokenHash),
        invites.map((invite) => invite.tokenEncrypted),
        invites.map((invite) => invite.codeHash),
        createdBy,
        expiresAt,
      ],
    );
  }

  async revokeForFamily(familyId: string): Promise<void> {
    await this.dataSource.query(`UPDATE invite SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  async markReminded(familyId: string): Promise<void> {
    await this.dataSource.query(`UPDATE family SET last_reminded_at = now() WHERE id = $1`, [familyId]);
  }

  /** Up to `limit` unrevoked links without a short code's hash (issued before short codes existed). */
  async withoutCodeHash(limit: number): Promise<Array<{ id: string; tokenEncrypted: Buffer }>> {
    const rows = await this.dataSource.query<Array<{ id: string; token_encrypted: Buffer }>>(
      `SELECT id, token_encrypted FROM invite WHERE code_hash IS NULL AND revoked_at IS NULL LIMIT ${limit}`,
    );
    return rows.map((row) => ({ id: row.id, tokenEncrypted: row.token_encrypted }));
  }

  /** Sets the short codes' hashes of the links (ids and hashes pairwise). */
  async setCodeHashes(ids: readonly string[], codeHashes: readonly Buffer[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE invite i SET code_hash = u.code_hash FROM unnest($1::uuid[], $2::bytea[]) AS u(id, code_hash) WHERE i.id = u.id`,
      [ids, codeHashes],
    );
  }
}
