import { Foundation1764150000000 } from './1764150000000-Foundation';
import { Notices1764150100000 } from './1764150100000-Notices';
import { NoticeWorkflow1764150200000 } from './1764150200000-NoticeWorkflow';
import { NoticeSearch1764150400000 } from './1764150400000-NoticeSearch';
import { Uploads1764150300000 } from './1764150300000-Uploads';
import { Push1764150500000 } from './1764150500000-Push';
import { PushDelivery1764150600000 } from './1764150600000-PushDelivery';
import { Calendar1764150700000 } from './1764150700000-Calendar';
import { Cases1764150800000 } from './1764150800000-Cases';
import { Consultations1764150900000 } from './1764150900000-Consultations';
import { Ratings1764151000000 } from './1764151000000-Ratings';

/** Every migration, in order. Add new ones at the end (file name: <unix-ms>-<PascalName>.ts). */
export const MIGRATIONS = [Foundation1764150000000, Notices1764150100000, NoticeWorkflow1764150200000, Uploads1764150300000, NoticeSearch1764150400000, Push1764150500000, PushDelivery1764150600000, Calendar1764150700000, Cases1764150800000, Consultations1764150900000, Ratings1764151000000];
