const BASE = 'http://same-site.invalid';

/** Pages a sign-in must never return to: sign-in itself, and setup links (they carry a secret). */
const NOT_A_DESTINATION = /^\/(?:en\/)?(?:login|setup)(?:[/?#]|$)|^\/api(?:[/?#]|$)/;

/**
 * The `next` value of /login as a path on this site, or null. Only a relative
 * path is accepted: "//evil.example", "/\evil.example" and "https://…" would
 * send the user to another site right after they typed their password.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return null;
  // Browsers read a backslash as a slash, and control characters are dropped from URLs.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return NOT_A_DESTINATION.test(path) ? null : path;
}

/** `/login`, with the page to come back to when there is one worth keeping. */
export function loginHref(nextPath?: string | null): string {
  const next = safeNextPath(nextPath);
  return next ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
