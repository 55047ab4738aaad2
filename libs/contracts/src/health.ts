import * as z from 'zod/mini';

export const ComponentStatusSchema = z.enum(['up', 'down']);
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** The read replica of the reports (DATABASE_REPLICA_URL): `none` when there is none. */
export const ReplicaStatusSchema = z.enum(['up', 'down', 'none']);
export type ReplicaStatus = z.infer<typeof ReplicaStatusSchema>;

/**
 * Body of `GET /api/health`: 200 when the database is up, 503 otherwise. A
 * replica that is down leaves it 200 (everything but the reports works, and
 * restarting the API would not bring the replica back): `replica` says so.
 */
export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'error']),
  database: ComponentStatusSchema,
  replica: ReplicaStatusSchema,
  version: z.string(),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
