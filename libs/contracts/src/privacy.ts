import * as z from 'zod/mini';

/**
 * `POST /api/schools/:id/erase-roster`, the end of the year for a whole
 * school: the admin types the school's name to confirm.
 */
export interface EraseSchoolRequest {
  schoolName: string;
}

/** What an erasure removed; 0 and 0 when there was nothing left to erase. */
export const SchoolErasureResultSchema = z.object({
  families: z.number(),
  people: z.number(),
});
export type SchoolErasureResult = z.infer<typeof SchoolErasureResultSchema>;

/** What erasing a class's roster removed (POST /api/classes/:classId/erase-roster). */
export const ClassErasureResultSchema = z.object({
  people: z.number(),
});
export type ClassErasureResult = z.infer<typeof ClassErasureResultSchema>;

/**
 * Everything stored about a family (GET /api/families/:familyId/personal-data):
 * its people and links as the database keeps them, for the family's right to see it.
 */
export const FamilyDataExportSchema = z.object({
  exportedAt: z.string(),
  family: z.object({ id: z.string(), createdAt: z.string(), lastRemindedAt: z.nullable(z.string()) }),
  people: z.array(z.record(z.string(), z.unknown())),
  links: z.array(z.record(z.string(), z.unknown())),
  note: z.string(),
});
export type FamilyDataExport = z.infer<typeof FamilyDataExportSchema>;
