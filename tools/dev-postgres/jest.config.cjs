module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'dev-postgres',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
