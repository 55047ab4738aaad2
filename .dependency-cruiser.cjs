// The import rules of the workspace, checked in `npm test` by
// tools/check-dependencies.mjs (which also finds cycles between the API's
// feature folders, something these per-file rules cannot express).
/** The API's shared layers: features may import them, they import no feature. */
const SHARED_LAYERS = ['common', 'config', 'database', 'auth'];
const SHARED = `^apps/api/src/(${SHARED_LAYERS.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file that reaches itself through its imports: split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'web-not-api',
      severity: 'error',
      comment: 'The web talks to the API over HTTP; shared shapes live in libs/contracts.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'api-build-without-dev-tools',
      severity: 'error',
      comment:
        "Development tools (tools/, the embedded PostgreSQL) stay out of the API's production build; its tests may use them.",
      from: { path: '^apps/api/src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^tools/' },
    },
    {
      name: 'libs-not-apps',
      severity: 'error',
      comment: 'A library is imported by the apps, never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'shared-layers-not-features',
      severity: 'error',
      comment:
        'common, config, database and auth sit below the features. Entities are the schema and may be ' +
        'registered by the database layer and read by the access policy.',
      from: { path: SHARED },
      to: {
        path: '^apps/api/src/[^/]+/',
        pathNot: [SHARED, '\\.entity\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '^dist/', '(^|/)\\.next/', '^\\.data/', '^\\.nx/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
