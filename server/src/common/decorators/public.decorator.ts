import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'sunboard:isPublic';

/** The route needs no login; a valid token, when sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
