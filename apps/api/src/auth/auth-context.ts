import type { StaffRole } from '@sferum/contracts';
import type { Request } from 'express';

/** Who is calling, as the session guard found it; every scoped query starts here. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  role: StaffRole;
  districtId: string;
  /** null for a district admin */
  schoolId: string | null;
}

export interface AuthenticatedRequest extends Request {
  auth?: AuthContext;
}
