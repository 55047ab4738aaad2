import { ApiProperty } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ChangePasswordRequest,
  type CompleteSetupRequest,
} from '@sferum/contracts';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

const NewPassword = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MinLength(PASSWORD_MIN_LENGTH, { message: `$property must be at least ${PASSWORD_MIN_LENGTH} characters long` })(
    target,
    key,
  );
  MaxLength(PASSWORD_MAX_LENGTH)(target, key);
};

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @NewPassword()
  newPassword!: string;
}

export class SetupTokenDto {
  @ApiProperty({ description: 'The token from the setup link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a setup link token' })
  token!: string;
}

export class CompleteSetupDto extends SetupTokenDto implements CompleteSetupRequest {
  @NewPassword()
  password!: string;
}
