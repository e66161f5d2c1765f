import { Foundation1764150000000 } from './1764150000000-Foundation';
import { Notices1764150100000 } from './1764150100000-Notices';

/** Every migration, in order. Add new ones at the end (file name: <unix-ms>-<PascalName>.ts). */
export const MIGRATIONS = [Foundation1764150000000, Notices1764150100000];
