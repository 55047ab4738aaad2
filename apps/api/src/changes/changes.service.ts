import { Injectable } from '@nestjs/common';
import {
  CHANGES_LIST_LIMIT,
  type ClassChanges,
  type ClassOverviewList,
  type ClassSeen,
  type OverviewKindCounts,
  type PersonKind,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { ChangesRepository, type ClassOverviewRow } from './changes.repository';

function kindCounts(counters: ClassOverviewRow['counters'], kind: PersonKind): OverviewKindCounts {
  const of = (status: string) =>
    counters
      .filter((counter) => counter.kind === kind && counter.status === status)
      .reduce((sum, counter) => sum + counter.people, 0);
  const people = counters.filter((counter) => counter.kind === kind).reduce((sum, counter) => sum + counter.people, 0);
  const optedOut = of('opted_out');
  return { people, participants: people - optedOut, connected: of('connected'), blocked: of('blocked'), optedOut };
}

/**
 * «Что изменилось»: what happened in a class since the caller last looked, and
 * the visit that moves that point. Reading never records a visit: the page
 * says it has shown the summary with a separate PUT.
 */
@Injectable()
export class ChangesService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly changes: ChangesRepository,
  ) {}

  async forClass(auth: AuthContext, classId: string): Promise<ClassChanges> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const window = await this.changes.window(auth.userId, classId);
    const news = await this.changes.news(auth.userId, classId, window, CHANGES_LIST_LIMIT);
    return {
      classId,
      seenAt: window.seenAt?.toISOString() ?? null,
      since: window.since.toISOString(),
      asOf: window.asOf.toISOString(),
      ...news,
    };
  }

  async markSeen(auth: AuthContext, classId: string, seenAt: Date): Promise<ClassSeen> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const recorded = await this.changes.markSeen(auth.userId, classId, seenAt);
    return { classId, seenAt: recorded.toISOString() };
  }

  async overview(auth: AuthContext, schoolId: string | null): Promise<ClassOverviewList> {
    if (schoolId) await this.access.requireAccess(auth, 'school.read', schoolId);
    const rows = await this.changes.overview(auth.userId, this.access.scopeOf(auth, 'class', 'c'), schoolId);
    return {
      asOf: (rows[0]?.asOf ?? new Date()).toISOString(),
      classes: rows.map((row) => ({
        classId: row.classId,
        pathId: row.pathId,
        students: kindCounts(row.counters, 'student'),
        parents: kindCounts(row.counters, 'parent'),
        seenAt: row.seenAt?.toISOString() ?? null,
        since: row.since.toISOString(),
        changes: row.counts,
      })),
    };
  }
}
