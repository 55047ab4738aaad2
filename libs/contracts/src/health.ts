import * as z from 'zod/mini';

export const ComponentStatusSchema = z.enum(['up', 'down']);
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** Body of `GET /api/health`: 200 when everything is up, 503 otherwise. */
export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'error']),
  database: ComponentStatusSchema,
  version: z.string(),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
