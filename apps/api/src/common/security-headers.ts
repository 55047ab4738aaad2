import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** Helmet's settings for the API: the same on every answer. */
export function helmetOptions(isProduction: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        // Browsers must keep using plain HTTP on a school's local network; HTTPS
        // deployments get HSTS from the production flag.
        upgradeInsecureRequests: null,
        // Helmet's defaults allow fonts and styles from any https: origin; Swagger UI needs none.
        fontSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: isProduction,
    // Express's own header is off (app.disable): nothing for helmet to remove on every answer.
    xPoweredBy: false,
  };
}

/** The headers helmet sets with these options, computed by running it once on an empty answer. */
export function helmetHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  let failure: unknown;
  helmet(options)(request, response, (error?: unknown) => (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)] as const);
}

/**
 * Helmet's headers, worked out once at start-up: helmet itself builds the
 * policy string again and calls a dozen middlewares on every request, although
 * none of our directives depends on the request (no nonces).
 */
export function securityHeaders(options: HelmetOptions): RequestHandler {
  const headers = helmetHeaders(options);
  return (_request: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    next();
  };
}
