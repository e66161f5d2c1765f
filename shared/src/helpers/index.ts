export * from './zod-issues';
