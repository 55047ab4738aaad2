// One flat config for the workspace: type-aware TypeScript rules, and Nx
// module boundaries so that web never imports API internals (and neither
// app is imported by a library).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const STAFF_ROLE = '/^(district_admin|school_admin|teacher)$/';
const SQL_OUTSIDE_REPOSITORIES = [
  {
    selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
    message: 'SQL lives in repositories (*.repository.ts): add a method there.',
  },
  {
    selector: "CallExpression[callee.name='namedQuery']",
    message: 'SQL lives in repositories (*.repository.ts): add a method there.',
  },
];
/** A role read off an actor: `auth.role`, `user.role`, `member?.role`, `role`. */
const ROLE_VALUE =
  ":matches(MemberExpression[property.name='role'], ChainExpression[expression.property.name='role'], Identifier[name='role'])";
/** `role === 'teacher'`, `switch (user.role) { case 'teacher': … }` and the like, reported with `message`. */
const roleComparisons = (message) => [
  {
    selector: `BinaryExpression[operator=/^[!=]==?$/]:has(> ${ROLE_VALUE}):has(> Literal[value=${STAFF_ROLE}])`,
    message,
  },
  {
    selector: `SwitchStatement:has(> ${ROLE_VALUE}.discriminant) > SwitchCase > Literal.test[value=${STAFF_ROLE}]`,
    message,
  },
];
const ROLE_COMPARISONS = roleComparisons(
  'Roles are compared only in the access policy: use requireAccess / roleMay and the PERMISSIONS list.',
);
const WEB_ROLE_COMPARISONS = roleComparisons(
  'The web asks roleMay(role, permission) (or belongsToSchool / leadsClasses) of libs/contracts: the PERMISSIONS list is the one source of who may do what.',
);

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.next/**', '.data/**', '.nx/**', 'apps/web/next-env.d.ts'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // The API's tests start the embedded PostgreSQL (scope:dev); its sources never do (.dependency-cruiser.cjs).
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dev'] },
            { sourceTag: 'scope:dev', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // The data-access layer: SQL only in repositories (and migrations, and the
    // database tooling); roles compared only in the access policy.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.repository.ts',
      '**/migrations/**',
      'apps/api/src/database/**',
      'apps/api/src/auth/access-policy.service.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_REPOSITORIES, ...ROLE_COMPARISONS] },
  },
  {
    files: ['**/*.repository.ts', 'apps/api/src/database/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ROLE_COMPARISONS] },
  },
  {
    files: ['apps/api/src/auth/access-policy.service.ts'],
    rules: { 'no-restricted-syntax': ['error', ...SQL_OUTSIDE_REPOSITORIES] },
  },
  {
    // The web hides what a role may not do by the same list the API enforces: it compares no roles of its own.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...WEB_ROLE_COMPARISONS] },
  },
  {
    // Jest tests lean on matchers and supertest bodies typed as any.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
