import { ConflictException } from '@nestjs/common';
import type { ApiErrorCode } from '@sferum/contracts';

/** A 409 with a machine-readable `code` in the body, for conflicts a client acts on. */
export class CodedConflictException extends ConflictException {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
