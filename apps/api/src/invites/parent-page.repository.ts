import { Injectable } from '@nestjs/common';
import type { OptOut, ParentChat, ParentPerson, ParentStep, ProgressSource } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import {
  toRateLimitDecision,
  type RateLimitDecision,
  type RateLimitDecisionRow,
} from '../common/rate-limits.repository';
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

/** What a request brings to find its link by: a token's or a short code's hash, or nothing that could be one. */
export type LinkKey = { tokenHash: Buffer } | { codeHash: Buffer } | null;

/** The rate limits of a parent's request (ParentService says why they are what they are). */
export interface ParentLinkLimits {
  /** the bucket of the address's failed look-ups, its window and its limit: reached, every request is refused */
  failedLookUps: { bucket: string; windowSeconds: number; limit: number };
  /** a found link counts in its own bucket, this prefix and its id */
  link: { bucketPrefix: string; windowSeconds: number; limit: number };
  /** a link's "opened" time older than this is stale */
  openedPrecisionSeconds: number;
}

/** A request's link (none: not found) and the rate-limit decision taken in the same statement. */
export interface LinkLookUp {
  link: ParentLink | undefined;
  decision: RateLimitDecision;
}

/** A page view's link and decision and, when the decision let a found link through, its family's page. */
export interface PageLookUp extends LinkLookUp {
  family: FamilyRow | undefined;
}

/** The one row of PARENT_SQL's link statements: the link's columns are null when it was not found. */
type LinkRow = RateLimitDecisionRow &
  (
    | { id: string; family_id: string; expires_at: Date; opened_stale: boolean }
    | { id: null; family_id: null; expires_at: null; opened_stale: null }
  );

/** A page view's row: the family's page is null unless it was let through. */
type PageRow = LinkRow & { family: FamilyRow | null };

/**
 * What a parent's link reads and writes: the link itself and its one family
 * (typed raw SQL, the benchmarked text from parent.sql.ts).
 */
@Injectable()
export class ParentPageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link and one rate-limit decision, in one statement: what a parent's change starts with. */
  async linkWithDecision(key: LinkKey, limits: ParentLinkLimits): Promise<LinkLookUp> {
    const sql = key && 'codeHash' in key ? PARENT_SQL.linkByCode : PARENT_SQL.linkByToken;
    const rows = await preparedQuery<LinkRow>(this.dataSource.manager, sql, linkParameters(key, limits));
    return toLookUp(rows);
  }

  /** The link, one rate-limit decision and, let through, the family's page, in one statement: a page view. */
  async pageWithDecision(key: LinkKey, limits: ParentLinkLimits): Promise<PageLookUp> {
    const sql = key && 'codeHash' in key ? PARENT_SQL.pageByCode : PARENT_SQL.pageByToken;
    const rows = await preparedQuery<PageRow>(this.dataSource.manager, sql, [
      ...linkParameters(key, limits),
      limits.link.limit,
    ]);
    return { ...toLookUp(rows), family: rows[0]!.family ?? undefined };
  }

  async markOpened(inviteId: string): Promise<void> {
    await preparedQuery(this.dataSource.manager, PARENT_SQL.linkOpened, [inviteId]);
  }

  /** The family's unarchived people, in id order. */
  async familyMemberIds(familyId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(PARENT_SQL.familyMembers, [familyId]);
    return rows.map((row) => row.id);
  }

  /** The parent's page of the family, in one statement. */
  async family(familyId: string): Promise<FamilyRow | undefined> {
    const rows = await preparedQuery<FamilyRow>(this.dataSource.manager, PARENT_SQL.family, [familyId]);
    return rows[0];
  }
}

/** The parameters $1–$7 of PARENT_SQL's link statements; nothing that could be a link is looked up as no token. */
function linkParameters(key: LinkKey, { failedLookUps, link, openedPrecisionSeconds }: ParentLinkLimits): unknown[] {
  const hash = key === null ? null : 'codeHash' in key ? key.codeHash : key.tokenHash;
  return [
    hash,
    openedPrecisionSeconds,
    failedLookUps.bucket,
    failedLookUps.windowSeconds,
    failedLookUps.limit,
    link.bucketPrefix,
    link.windowSeconds,
  ];
}

function toLookUp(rows: LinkRow[]): LinkLookUp {
  // The statement returns exactly one row, found or not.
  const row = rows[0]!;
  const link =
    row.id === null
      ? undefined
      : {
          inviteId: row.id,
          familyId: row.family_id,
          expiresAt: row.expires_at,
          openedStale: row.opened_stale,
        };
  return { link, decision: toRateLimitDecision(row) };
}
