import { Module } from '@nestjs/common';
import { ProgressModule } from '../progress/progress.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyRepository } from './privacy.repository';
import { PrivacyService } from './privacy.service';

/** Subject access and erasure of children's and families' data (152-ФЗ). */
@Module({
  imports: [ProgressModule],
  controllers: [PrivacyController],
  providers: [PrivacyService, PrivacyRepository],
  exports: [PrivacyService],
})
export class PrivacyModule {}
