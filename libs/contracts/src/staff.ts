export const STAFF_ROLES = ['district_admin', 'school_admin', 'teacher'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** The signed-in staff member, as `GET /api/auth/me` and login return it. */
export interface CurrentUser {
  id: string;
  email: string;
  fullName: string;
  role: StaffRole;
  districtId: string;
  districtName: string;
  /** null for a district admin */
  schoolId: string | null;
  schoolName: string | null;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** What a setup link shows before the new user picks a password. */
export interface SetupLinkInfo {
  email: string;
  fullName: string;
  role: StaffRole;
}

export interface CompleteSetupRequest {
  token: string;
  password: string;
}

/** A setup link is shown once, to the admin who created or reissued it. */
export interface SetupLink {
  /** Path on the web app, to be prefixed with its origin: `/setup/<token>` */
  path: string;
  expiresAt: string;
}

export type StaffStatus = 'pending_setup' | 'active' | 'deactivated';

export interface StaffMember {
  id: string;
  email: string;
  fullName: string;
  role: StaffRole;
  districtId: string;
  schoolId: string | null;
  status: StaffStatus;
  /** classes this staff member leads (teachers) */
  classIds: string[];
  createdAt: string;
}

export interface CreateStaffRequest {
  email: string;
  fullName: string;
  role: StaffRole;
  /** required unless role is district_admin */
  schoolId?: string;
}

export interface UpdateStaffRequest {
  fullName?: string;
  role?: StaffRole;
}

export interface StaffWithSetupLink {
  staff: StaffMember;
  setupLink: SetupLink;
}
