import { decodeIdCursor, encodeIdCursor } from '../../common/pagination/id-cursor';

/** The message centre is newest first by id; the cursor is the last id shown. */
export const encodeInboxCursor = (lastId: number): string => encodeIdCursor('i', lastId);

/** The id to continue below, or 400 naming `cursor`. */
export const decodeInboxCursor = (cursor: string): number => decodeIdCursor('i', cursor);
