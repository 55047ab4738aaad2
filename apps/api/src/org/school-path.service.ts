import { ConflictException, Injectable } from '@nestjs/common';
import { findStep, PathCatalogue, stepIdsOf, type SchoolSummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { SchoolPaths } from '../paths/school-paths.service';
import type { SetStepNotesDto, SwitchPathDto } from './dto/school.dto';
import { SchoolsService } from './schools.service';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../progress/class-counters.repository';

/**
 * A school's choice of onboarding path, and its own notes per step. The
 * school's admins and the district admin choose; teachers read.
 */
@Injectable()
export class SchoolPathService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly catalogue: PathCatalogue,
    private readonly schoolPaths: SchoolPaths,
    private readonly schools: SchoolsService,
    private readonly counters: ClassCountersRepository,
    private readonly chats: ChatMembershipsRepository,
  ) {}

  /**
   * Puts the school on another path, in one transaction. Kept: every event,
   * snapshot and the log of switches (history stays readable, each event
   * naming its path). Started anew: every person's steps (the new path's, not
   * started) and chat memberships, since people must join the chats in the new
   * app: the school's chats are archived with their memberships and created
   * again (subject chats with the same names). Opt-outs, people and parents'
   * links stay. The school row is locked FOR UPDATE first: every change that
   * writes steps reads the path under KEY SHARE (SchoolPaths), so none runs
   * half on the old path.
   */
  async switchPath(auth: AuthContext, schoolId: string, dto: SwitchPathDto): Promise<SchoolSummary> {
    await this.requireAdmin(auth, schoolId);
    if (!this.catalogue.has(dto.pathId)) {
      throw RequestValidationException.forField('pathId', `pathId must be one of ${this.catalogue.ids.join(', ')}`);
    }
    const path = this.catalogue.get(dto.pathId);
    await this.dataSource.transaction(async (manager) => {
      const [school] = await manager.query<Array<{ path_id: string; district_id: string }>>(
        `SELECT path_id, district_id FROM school WHERE id = $1 FOR UPDATE`,
        [schoolId],
      );
      if (school.path_id === path.id) throw new ConflictException('The school is on this path already');
      await manager.query(`UPDATE school SET path_id = $2, path_changed_at = now() WHERE id = $1`, [schoolId, path.id]);
      await manager.query(
        `INSERT INTO school_path_change (district_id, school_id, from_path_id, to_path_id, actor_staff_id) VALUES ($1, $2, $3, $4, $5)`,
        [school.district_id, schoolId, school.path_id, path.id, auth.userId],
      );

      const subjects = await manager.query<Array<{ class_id: string; name: string }>>(
        `SELECT class_id, name FROM chat WHERE school_id = $1 AND kind = 'subject' AND archived_at IS NULL`,
        [schoolId],
      );
      await manager.query(`UPDATE chat SET archived_at = now() WHERE school_id = $1 AND archived_at IS NULL`, [schoolId]);
      if (subjects.length > 0) {
        await manager.query(
          `INSERT INTO chat (district_id, school_id, class_id, kind, audience, name)
           SELECT $1, $2, s.class_id, 'subject', 'students', s.name FROM unnest($3::uuid[], $4::text[]) AS s(class_id, name)`,
          [school.district_id, schoolId, subjects.map((chat) => chat.class_id), subjects.map((chat) => chat.name)],
        );
      }
      const classes = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY id`,
        [schoolId],
      );
      await this.chats.ensureStandardChats(manager, path, classes.map((row) => row.id));

      await manager.query(`DELETE FROM person_step WHERE school_id = $1`, [schoolId]);
      await manager.query(
        `INSERT INTO person_step (person_id, step, district_id, school_id)
         SELECT p.id, step, p.district_id, p.school_id FROM person p CROSS JOIN unnest($2::text[]) AS step WHERE p.school_id = $1`,
        [schoolId, stepIdsOf(path)],
      );
      const families = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1`, [schoolId]);
      await this.chats.syncMemberships(manager, families.map((row) => row.id));
      const allClasses = await manager.query<Array<{ id: string }>>(`SELECT id FROM school_class WHERE school_id = $1`, [schoolId]);
      await this.counters.recount(manager, allClasses.map((row) => row.id));
    });
    return this.schools.summary(schoolId);
  }

  /** Replaces the notes of the given steps of the school's current path; an empty note removes it. */
  async setStepNotes(auth: AuthContext, schoolId: string, dto: SetStepNotesDto): Promise<SchoolSummary> {
    await this.requireAdmin(auth, schoolId);
    await this.dataSource.transaction(async (manager) => {
      const path = await this.schoolPaths.lockedForChange(manager, schoolId);
      for (const [index, { step }] of dto.notes.entries()) {
        if (!findStep(path, step)) {
          throw RequestValidationException.forField(`notes.${index}.step`, `step must be one of ${stepIdsOf(path).join(', ')}`);
        }
      }
      const steps = new Set(dto.notes.map((note) => note.step));
      if (steps.size !== dto.notes.length) throw RequestValidationException.forField('notes', 'each step only once');
      const [written, removed] = [dto.notes.filter((n) => n.note !== ''), dto.notes.filter((n) => n.note === '')];
      await manager.query(
        `DELETE FROM school_step_note WHERE school_id = $1 AND path_id = $2 AND step = ANY($3::text[])`,
        [schoolId, path.id, removed.map((note) => note.step)],
      );
      await manager.query(
        `INSERT INTO school_step_note (school_id, district_id, path_id, step, note)
         SELECT s.id, s.district_id, $2, n.step, n.note FROM school s, unnest($3::text[], $4::text[]) AS n(step, note) WHERE s.id = $1
         ON CONFLICT (school_id, path_id, step) DO UPDATE SET note = EXCLUDED.note, updated_at = now()`,
        [schoolId, path.id, written.map((note) => note.step), written.map((note) => note.note)],
      );
    });
    return this.schools.summary(schoolId);
  }

  private async requireAdmin(auth: AuthContext, schoolId: string): Promise<void> {
    await this.access.requireAccess(auth, 'school.path', schoolId);
  }
}
