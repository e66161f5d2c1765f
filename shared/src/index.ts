import { z } from 'zod';

// Default zod messages in Simplified Chinese: residents and staff read them.
z.config(z.locales.zhCN());

export * from './enums';
export * from './errors';
export * from './schemas';
export * from './helpers';
