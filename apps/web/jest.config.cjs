module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // next-intl ships ESM only: let SWC turn it into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(next-intl|use-intl)/)'],
};
