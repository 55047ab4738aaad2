import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { InvitesController } from './invites.controller';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';
import { LinkSecrets } from './link-secrets';
import { ParentController } from './parent.controller';
import { ParentPageRepository } from './parent-page.repository';
import { ParentService } from './parent.service';

/** Parent links: the teacher's side and the parent's. */
@Module({
  imports: [ProgressModule],
  controllers: [InvitesController, ParentController],
  providers: [InvitesService, InvitesRepository, ParentService, ParentPageRepository, LinkSecrets],
})
export class InvitesModule {}
