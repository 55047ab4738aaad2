import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  STAFF_ROLES,
  type CreateStaffRequest,
  type StaffRole,
  type UpdateStaffRequest,
} from '@sferum/contracts';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { NormalizeEmail, Trim } from '../../common/dto-transforms';

export class CreateStaffDto implements CreateStaffRequest {
  @ApiProperty({ example: 'ivanova@school7.example' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Иванова Мария Петровна', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role!: StaffRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless the role is district_admin' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}

export class UpdateStaffDto implements UpdateStaffRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  fullName?: string;

  @ApiPropertyOptional({ enum: ['school_admin', 'teacher'] })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}

export class ListStaffQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}
