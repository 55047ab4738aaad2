import { Injectable } from '@nestjs/common';
import type { OptOut, ParentChat, ParentPerson, ParentStep, ProgressSource } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { PARENT_SQL } from './parent.sql';

/** An active, unexpired parent link. */
export interface ParentLink {
  inviteId: string;
  familyId: string;
  expiresAt: Date;
}

export interface FamilySchoolRow {
  id: string;
  name: string;
  path_id: string;
  step_notes: Record<string, string>;
}

export interface FamilyClassRow {
  grade: number;
  letter: string;
  parent_contact: string | null;
  deadline: string | null;
  teachers: string[];
}

/** A person of the family with their steps, chats and opt-out as JSON built by PostgreSQL (timestamps as strings). */
export interface FamilyPersonRow {
  id: string;
  kind: ParentPerson['kind'];
  display_name: string;
  grade: number | null;
  letter: string | null;
  steps: Array<
    Omit<ParentStep, 'markedBy' | 'updatedAt'> & { source: ProgressSource | null; updatedAt: string }
  > | null;
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
}

interface LinkRow {
  id: string;
  family_id: string;
  expires_at: Date;
}

/**
 * What a parent's link reads and writes: the link itself and its one family
 * (typed raw SQL, the benchmarked text from parent.sql.ts).
 */
@Injectable()
export class ParentPageRepository {
  constructor(private readonly dataSource: DataSource) {}

  async linkByTokenHash(tokenHash: Buffer): Promise<ParentLink | undefined> {
    return toLink(await this.dataSource.query<LinkRow[]>(PARENT_SQL.linkByToken, [tokenHash]));
  }

  async linkByCodeHash(codeHash: Buffer): Promise<ParentLink | undefined> {
    return toLink(await this.dataSource.query<LinkRow[]>(PARENT_SQL.linkByCode, [codeHash]));
  }

  async markOpened(inviteId: string): Promise<void> {
    await this.dataSource.query(PARENT_SQL.linkOpened, [inviteId]);
  }

  /** Whether the person is an unarchived member of the family. */
  async isFamilyMember(personId: string, familyId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(PARENT_SQL.familyMember, [personId, familyId]);
    return rows.length > 0;
  }

  /** The family's unarchived people, in id order. */
  async familyMemberIds(familyId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(PARENT_SQL.familyMembers, [familyId]);
    return rows.map((row) => row.id);
  }

  async familySchool(familyId: string): Promise<FamilySchoolRow | undefined> {
    const rows = await this.dataSource.query<FamilySchoolRow[]>(PARENT_SQL.familySchool, [familyId]);
    return rows[0];
  }

  familyClasses(familyId: string): Promise<FamilyClassRow[]> {
    return this.dataSource.query<FamilyClassRow[]>(PARENT_SQL.familyClasses, [familyId]);
  }

  /** The family's people, their steps in the order of `stepIds` (the path's). */
  familyPeople(familyId: string, stepIds: readonly string[]): Promise<FamilyPersonRow[]> {
    return this.dataSource.query<FamilyPersonRow[]>(PARENT_SQL.familyPeople, [familyId, stepIds]);
  }
}

function toLink(rows: LinkRow[]): ParentLink | undefined {
  const row = rows[0];
  return row && { inviteId: row.id, familyId: row.family_id, expiresAt: row.expires_at };
}
