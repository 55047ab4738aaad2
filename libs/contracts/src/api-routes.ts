/** Every API path lives under this prefix; the web app forwards it to the API. */
export const API_PREFIX = '/api';

export const API_ROUTES = {
  health: `${API_PREFIX}/health`,
  docs: `${API_PREFIX}/docs`,
  docsJson: `${API_PREFIX}/docs-json`,
} as const;
