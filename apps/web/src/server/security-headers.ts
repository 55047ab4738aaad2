import { createHash } from 'node:crypto';

/**
 * The security headers the web app adds to its own pages (the API sets its
 * own on /api/*). nosniff, X-Frame-Options and Referrer-Policy are static and
 * live in next.config.ts; what depends on the request is here, for proxy.ts
 * and the parent page.
 */

type Directives = Record<string, readonly string[]>;

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** 16 bytes from a CSPRNG, base64: a new one for every page request. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** The CSP source that allows exactly this text in a `<style>` element. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * The policy of every React page. Scripts: only those carrying this request's
 * nonce (Next puts it on its inline and bundle scripts after reading it from
 * the request's policy) and what they load ('strict-dynamic'). Styles allow
 * 'unsafe-inline': Mantine writes `style=""` attributes on most components and
 * `<style>` elements of CSS variables, and a nonce can cover neither the
 * attributes nor, without threading it through MantineProvider, the elements.
 * What an injected style could do is limited by the rest: every fetch, image
 * and font must come from this origin, so nothing can leave the page.
 */
export function pageContentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return serialize({
    'default-src': ["'self'"],
    // React's development build evaluates code for its error overlays; production never does.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/** The parent page has no script at all and one inline stylesheet, allowed by its hash. */
export function parentPageContentSecurityPolicy(css: string): string {
  return serialize({
    'default-src': ["'none'"],
    'style-src': [styleHashSource(css)],
    'img-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    // Its forms post back to the page itself.
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  });
}

/** The same value helmet gives the API's answers, so pages and /api/* agree. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Whether the browser reached us over HTTPS: directly, or through the front
 * proxy, which says so in X-Forwarded-Proto (the same signal that marks the
 * session cookie Secure). `next start` always runs with NODE_ENV=production,
 * so unlike the API the web app cannot key HSTS on that.
 */
export function cameOverHttps(url: URL, headers: Headers): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded ? forwarded === 'https' : url.protocol === 'https:';
}

/** `/p/<token or code>` and the code page `/p`, in any locale: the parent routes answer with their own, stricter policy. */
export function isParentLinkPath(pathname: string): boolean {
  return /^\/(?:[a-z]{2}\/)?p(?:\/[^/]+)?\/?$/.test(pathname);
}
