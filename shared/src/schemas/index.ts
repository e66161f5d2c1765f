export * from './common';
export * from './auth';
export * from './regions';
export * from './staff';
export * from './notices';
export * from './uploads';
