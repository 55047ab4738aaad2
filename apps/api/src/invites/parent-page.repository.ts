import { Injectable } from '@nestjs/common';
import type { OptOut, ParentChat, ParentPerson, ParentStep, ProgressSource } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { PARENT_SQL } from './parent.sql';

/** An active, unexpired parent link. */
export interface ParentLink {
  inviteId: string;
  familyId: string;
  expiresAt: Date;
  /** Its "opened" time is older than the precision asked for (or unset): a view should write it. */
  openedStale: boolean;
}

export interface FamilyClassJson {
  grade: number;
  letter: string;
  parentContact: string | null;
  deadline: string | null;
  teachers: string[];
}

/** A person of the family with their steps, chats and opt-out (timestamps as strings). */
export interface FamilyPersonJson {
  id: string;
  kind: ParentPerson['kind'];
  displayName: string;
  grade: number | null;
  letter: string | null;
  /** In table order, not the path's. */
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
  optOut: (Omit<OptOut, 'at'> & { at: string }) | null;
}

/** The parent's page as one row: the school, and the classes and people as JSON built by PostgreSQL. */
export interface FamilyRow {
  school_name: string;
  path_id: string;
  step_notes: Record<string, string>;
  classes: FamilyClassJson[];
  people: FamilyPersonJson[];
}

interface LinkRow {
  id: string;
  family_id: string;
  expires_at: Date;
  opened_stale: boolean;
}

/**
 * What a parent's link reads and writes: the link itself and its one family
 * (typed raw SQL, the benchmarked text from parent.sql.ts).
 */
@Injectable()
export class ParentPageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link, with whether its "opened" time is older than `openedPrecisionSeconds`. */
  async linkByTokenHash(tokenHash: Buffer, openedPrecisionSeconds: number): Promise<ParentLink | undefined> {
    return toLink(await this.dataSource.query<LinkRow[]>(PARENT_SQL.linkByToken, [tokenHash, openedPrecisionSeconds]));
  }

  async linkByCodeHash(codeHash: Buffer, openedPrecisionSeconds: number): Promise<ParentLink | undefined> {
    return toLink(await this.dataSource.query<LinkRow[]>(PARENT_SQL.linkByCode, [codeHash, openedPrecisionSeconds]));
  }

  async markOpened(inviteId: string): Promise<void> {
    await this.dataSource.query(PARENT_SQL.linkOpened, [inviteId]);
  }

  /** The family's unarchived people, in id order. */
  async familyMemberIds(familyId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(PARENT_SQL.familyMembers, [familyId]);
    return rows.map((row) => row.id);
  }

  /** The parent's page of the family, in one statement. */
  async family(familyId: string): Promise<FamilyRow | undefined> {
    const rows = await this.dataSource.query<FamilyRow[]>(PARENT_SQL.family, [familyId]);
    return rows[0];
  }
}

function toLink(rows: LinkRow[]): ParentLink | undefined {
  const row = rows[0];
  return row && { inviteId: row.id, familyId: row.family_id, expiresAt: row.expires_at, openedStale: row.opened_stale };
}
