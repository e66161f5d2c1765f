export * from './zod-issues';
export * from './personal-data';
export * from './notice-scene';
export * from './template-values';
