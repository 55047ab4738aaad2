import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@sferum/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail } from '../../common/dto-transforms';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'teacher@sferum-demo.test' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'a long secret password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
