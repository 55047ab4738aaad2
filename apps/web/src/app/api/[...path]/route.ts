import { forwardToApi } from '../../../server/api-proxy';

// A route handler rather than a `rewrites` entry: next.config (rewrites
// included) is frozen into the build, while API_URL must be read at start-up.
export const dynamic = 'force-dynamic';

export {
  forwardToApi as GET,
  forwardToApi as HEAD,
  forwardToApi as POST,
  forwardToApi as PUT,
  forwardToApi as PATCH,
  forwardToApi as DELETE,
  forwardToApi as OPTIONS,
};
