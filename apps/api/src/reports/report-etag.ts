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
  return etagOf(form, JSON.stringify(figures));
}

function etagOf(form: string, figuresJson: string): string {
  const hash = createHash('sha256').update(form).update('\0').update(figuresJson).digest('base64url');
  return `W/"${hash.slice(0, 32)}"`;
}

/** A report's JSON answer, ready to send: its body as UTF-8 bytes and the ETag of its figures. */
export interface ReportJson {
  body: Buffer;
  etag: string;
}

/**
 * The JSON answer of a report from one JSON.stringify of its figures, which
 * both the body and the ETag need: the body is `asOf` and then the figures,
 * the order every report is built in (`{ asOf, ...figures }`), so its bytes
 * are JSON.stringify(report)'s. The ETag is figuresEtag('json', report).
 */
export function reportJson<Report extends { asOf: string }>(report: Report): ReportJson {
  const { asOf, ...figures } = report;
  const figuresJson = JSON.stringify(figures);
  const rest = figuresJson === '{}' ? '}' : `,${figuresJson.slice(1)}`;
  return { body: Buffer.from(`{"asOf":${JSON.stringify(asOf)}${rest}`, 'utf8'), etag: etagOf('json', figuresJson) };
}

/**
 * Marks the answer with the figures' ETag, revalidated at every use and kept
 * by no shared cache (a report holds figures of schools). Express's send then
 * answers 304 itself to a matching If-None-Match; `true` tells a caller that
 * streams its body (an XLSX) to answer 304 without building it.
 */
export function markFigures(request: Request, response: Response, form: string, report: { asOf: string }): boolean {
  return markEtag(request, response, figuresEtag(form, report));
}

/** markFigures with an ETag worked out before (reportJson's). */
export function markEtag(request: Request, response: Response, etag: string): boolean {
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', 'private, no-cache');
  return request.fresh;
}
