/** Every API path lives under this prefix; the web app forwards it to the API. */
export const API_PREFIX = '/api';

export const API_ROUTES = {
  health: `${API_PREFIX}/health`,
  docs: `${API_PREFIX}/docs`,
  docsJson: `${API_PREFIX}/docs-json`,
  auth: {
    login: `${API_PREFIX}/auth/login`,
    logout: `${API_PREFIX}/auth/logout`,
    me: `${API_PREFIX}/auth/me`,
    password: `${API_PREFIX}/auth/password`,
    setupInfo: `${API_PREFIX}/auth/setup/info`,
    setup: `${API_PREFIX}/auth/setup`,
  },
  districts: `${API_PREFIX}/districts`,
  schools: `${API_PREFIX}/schools`,
  classes: `${API_PREFIX}/classes`,
  staff: `${API_PREFIX}/staff`,
} as const;

/** The session cookie set by login; HttpOnly, so only the server reads it. */
export const SESSION_COOKIE = 'sot_session';
