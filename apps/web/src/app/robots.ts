import type { MetadataRoute } from 'next';

export default function robots(): MetadataRoute.Robots {
  // Parent links and the dashboard are private; only the public home page may be indexed.
  return { rules: { userAgent: '*', allow: ['/$', '/en$'], disallow: '/' } };
}
