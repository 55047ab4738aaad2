import * as z from 'zod/mini';

export const STAFF_ROLES = ['district_admin', 'school_admin', 'teacher'] as const;
export const StaffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** The signed-in staff member, as `GET /api/auth/me` and login return it. */
export const CurrentUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: StaffRoleSchema,
  districtId: z.string(),
  districtName: z.string(),
  /** null for a district admin */
  schoolId: z.nullable(z.string()),
  schoolName: z.nullable(z.string()),
});
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export interface LoginRequest {
  email: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** What a setup link shows before the new user picks a password. */
export const SetupLinkInfoSchema = z.object({
  email: z.string(),
  fullName: z.string(),
  role: StaffRoleSchema,
});
export type SetupLinkInfo = z.infer<typeof SetupLinkInfoSchema>;

export interface CompleteSetupRequest {
  token: string;
  password: string;
}

/** A setup link is shown once, to the admin who created or reissued it. */
export const SetupLinkSchema = z.object({
  /** Path on the web app, to be prefixed with its origin: `/setup/<token>` */
  path: z.string(),
  expiresAt: z.string(),
});
export type SetupLink = z.infer<typeof SetupLinkSchema>;

export const STAFF_STATUSES = ['pending_setup', 'active', 'deactivated'] as const;
export const StaffStatusSchema = z.enum(STAFF_STATUSES);
export type StaffStatus = z.infer<typeof StaffStatusSchema>;

export const StaffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: StaffRoleSchema,
  districtId: z.string(),
  schoolId: z.nullable(z.string()),
  status: StaffStatusSchema,
  /** classes this staff member leads (teachers) */
  classIds: z.array(z.string()),
  createdAt: z.string(),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

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

export const StaffWithSetupLinkSchema = z.object({
  staff: StaffMemberSchema,
  setupLink: SetupLinkSchema,
});
export type StaffWithSetupLink = z.infer<typeof StaffWithSetupLinkSchema>;

export const StaffMemberListSchema = z.array(StaffMemberSchema);
