export * from './roles';
export * from './region-levels';
export * from './domains';
export * from './notice';
