/**
 * One jest run from the root covers every workspace (toolchain note 6). Projects:
 * shared, server-unit, miniapp (pure logic), e2e-sqlite and e2e-mysql (the same server e2e specs
 * against each database), journeys (headless Chromium against the h5 build served by the real server).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@sunboard/shared$': '<rootDir>/shared/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

const e2e = (db) => ({
  ...base,
  displayName: `e2e-${db}`,
  testMatch: ['<rootDir>/server/test/**/*.e2e-spec.ts'],
  setupFiles: [`<rootDir>/server/test/setup/${db}.ts`],
});

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    { ...base, displayName: 'server-unit', testMatch: ['<rootDir>/server/src/**/*.spec.ts'] },
    { ...base, displayName: 'miniapp', testMatch: ['<rootDir>/miniapp/src/**/*.spec.ts'] },
    e2e('sqlite'),
    e2e('mysql'),
    { ...base, displayName: 'journeys', testMatch: ['<rootDir>/miniapp/test/journeys/**/*.journey-spec.ts'] },
  ],
};
