import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * A weak ETag over a report's figures and the form they are sent in (JSON,
 * CSV, an XLSX in one language). `asOf` is left out: the dashboard counts
 * afresh at every request, so an ETag over it would never match, and a 304
 * then says the figures of the copy the client holds are still the current
 * ones (its `asOf` is when they were counted).
 */
export function figuresEtag(form: string, report: { asOf: string }): string {
  const { asOf: _countedAt, ...figures } = report;
  const hash = createHash('sha256').update(form).update('\0').update(JSON.stringify(figures)).digest('base64url');
  return `W/"${hash.slice(0, 32)}"`;
}

/**
 * Marks the answer with the figures' ETag, revalidated at every use and kept
 * by no shared cache (a report holds figures of schools). Express's send then
 * answers 304 itself to a matching If-None-Match; `true` tells a caller that
 * streams its body (an XLSX) to answer 304 without building it.
 */
export function markFigures(request: Request, response: Response, form: string, report: { asOf: string }): boolean {
  response.setHeader('ETag', figuresEtag(form, report));
  response.setHeader('Cache-Control', 'private, no-cache');
  return request.fresh;
}
