import { trackingSettingsBody } from '@/lib/api/schemas';
import { otherMethods, route } from '@/server/http/route';

/** Keeps after how many days without progress feedback the caller wants a task flagged. */
export const PUT = route({ body: trackingSettingsBody }, async ({ commands, user, body }) => commands.setStaleDays(user, body.staleDays));

export const { GET, POST, PATCH, DELETE } = otherMethods('PUT');
