import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';

/** «Что изменилось»: staff members' visits to classes and the history since. */
@Module({
  controllers: [ChangesController],
  providers: [ChangesService, ChangesRepository],
})
export class ChangesModule {}
