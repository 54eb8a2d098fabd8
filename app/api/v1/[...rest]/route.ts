import { errorResponse } from '@/server/http/route';

/** Any path under /api/v1 that no route serves: the JSON error shape, not Next's HTML page. */
const noSuchRoute = async () => errorResponse('not_found', 'no such API route (see "HTTP API v1" in README.md)');

export { noSuchRoute as DELETE, noSuchRoute as GET, noSuchRoute as PATCH, noSuchRoute as POST, noSuchRoute as PUT };
