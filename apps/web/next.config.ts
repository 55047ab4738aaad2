import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// libs/contracts lives outside apps/web: Turbopack must resolve from the
// workspace root, and standalone tracing must copy from there too.
const workspaceRoot = path.join(__dirname, '../..');

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Parent links carry a secret token in the path: never leak it in a Referer.
  { key: 'Referrer-Policy', value: 'no-referrer' },
];

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; `npm start` and the tests use `next start`, which does not want it.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
  poweredByHeader: false,
  reactStrictMode: true,
  // Unmatched URLs get a fully server-rendered, localized 404 (app/global-not-found.tsx).
  experimental: { globalNotFound: true },
  // Browsers ask for /favicon.ico where a page names no icon (the parent page's plain HTML, an error page).
  rewrites() {
    return Promise.resolve([{ source: '/favicon.ico', destination: '/icon.svg' }]);
  },
  headers() {
    // /api/* is answered by the API, which sets its own headers.
    return Promise.resolve([{ source: '/((?!api/).*)', headers: securityHeaders }]);
  },
};

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

export default withNextIntl(nextConfig);
