import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type CurrentUser, type SetupLink, type SetupLinkInfo, type StaffRole } from '@sferum/contracts';

export class CurrentUserDto implements CurrentUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'teacher@sferum-demo.test' }) email!: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) fullName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() districtName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) schoolId!: string | null;
  @ApiProperty({ nullable: true, type: String }) schoolName!: string | null;
}

export class SetupLinkInfoDto implements SetupLinkInfo {
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
}

export class SetupLinkDto implements SetupLink {
  @ApiProperty({ example: '/setup/q7Vb3kX9_wZ2-mN8pR4tY6uI1oP5aS0dF3gH7jK9lL2', description: 'Shown once' })
  path!: string;

  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
