import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no authentication (health checks, sign-in page). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
