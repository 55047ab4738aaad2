export type ComponentStatus = 'up' | 'down';

/** Body of `GET /api/health`: 200 when everything is up, 503 otherwise. */
export interface HealthResponse {
  status: 'ok' | 'error';
  database: ComponentStatus;
  version: string;
  uptimeSeconds: number;
}
