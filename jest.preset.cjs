// Shared by every project's Jest config: TypeScript through SWC (with the
// decorator metadata NestJS needs) and the path aliases of libs/contracts and tools/dev-postgres.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@sferum/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@sferum/dev-postgres$': path.join(__dirname, 'tools/dev-postgres/src/embedded-postgres.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
