export * from './zod-issues';
export * from './personal-data';
