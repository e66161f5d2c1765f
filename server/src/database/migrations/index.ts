import { Foundation1764150000000 } from './1764150000000-Foundation';

/** Every migration, in order. Add new ones at the end (file name: <unix-ms>-<PascalName>.ts). */
export const MIGRATIONS = [Foundation1764150000000];
