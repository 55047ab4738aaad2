import { ConflictException, Injectable } from '@nestjs/common';
import { findStep, PathCatalogue, stepIdsOf, type SchoolSummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { SchoolPaths } from '../paths/school-paths.service';
import type { SetStepNotesDto, SwitchPathDto } from './dto/school.dto';
import { SchoolPathRepository } from './school-path.repository';
import { SchoolsRepository } from './schools.repository';
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
    private readonly schools: SchoolsRepository,
    private readonly switches: SchoolPathRepository,
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
      const school = await this.schoolPaths.lockedForRewrite(manager, schoolId);
      if (school.pathId === path.id) throw new ConflictException('The school is on this path already');
      await this.switches.setPath(manager, schoolId, path.id);
      await this.switches.logSwitch(manager, {
        districtId: school.districtId,
        schoolId,
        fromPathId: school.pathId,
        toPathId: path.id,
        actorStaffId: auth.userId,
      });

      await this.switches.restartChats(manager, { districtId: school.districtId, schoolId });
      await this.chats.ensureStandardChats(manager, path, await this.switches.activeClassIds(manager, schoolId));

      await this.switches.restartSteps(manager, schoolId, stepIdsOf(path));
      await this.chats.syncMemberships(manager, await this.switches.familyIds(manager, schoolId));
      await this.counters.recount(manager, await this.switches.allClassIds(manager, schoolId));
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
          throw RequestValidationException.forField(
            `notes.${index}.step`,
            `step must be one of ${stepIdsOf(path).join(', ')}`,
          );
        }
      }
      const steps = new Set(dto.notes.map((note) => note.step));
      if (steps.size !== dto.notes.length) throw RequestValidationException.forField('notes', 'each step only once');
      await this.switches.setStepNotes(manager, {
        schoolId,
        pathId: path.id,
        written: dto.notes.filter((n) => n.note !== ''),
        removed: dto.notes.filter((n) => n.note === '').map((note) => note.step),
      });
    });
    return this.schools.summary(schoolId);
  }

  private async requireAdmin(auth: AuthContext, schoolId: string): Promise<void> {
    await this.access.requireAccess(auth, 'school.path', schoolId);
  }
}
