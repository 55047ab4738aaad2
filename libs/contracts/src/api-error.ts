import * as z from 'zod/mini';

/**
 * What a 409 is about, where a client acts on it: the school changed the item
 * since the parent's page was loaded (show what it marked, offer to confirm
 * anyway), or the person does not use Sferum/MAX (undo the opt-out first).
 */
export const API_ERROR_CODES = ['changed_by_school', 'opted_out'] as const;
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** One field that failed validation, named by its path in the request ("email", "items.0.name"). */
export const FieldErrorSchema = z.object({
  field: z.string(),
  messages: z.array(z.string()),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** The single JSON shape of every error the API returns. */
export const ApiErrorBodySchema = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  details: z.optional(z.array(FieldErrorSchema)),
  code: z.optional(ApiErrorCodeSchema),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
