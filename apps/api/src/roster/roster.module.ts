import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

/** Families, students and parents of a class. */
@Module({
  imports: [OrgModule],
  controllers: [RosterController],
  providers: [RosterService],
})
export class RosterModule {}
