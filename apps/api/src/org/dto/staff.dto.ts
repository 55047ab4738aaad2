import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, type CreateStaffRequest, type StaffRole, type UpdateStaffRequest } from '@sferum/contracts';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { NormalizeEmail, Trim } from '../../common/dto-transforms';

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ example: 'ivanova@school7.example' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна' })
  @Trim()
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiPropertyOptional({ description: 'Required unless the role is district_admin' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}

export class ListStaffQueryDto {
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}
