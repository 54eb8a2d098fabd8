import { otherMethods, route } from '@/server/http/route';

/** A short-lived token for the sheet's sync socket: `new WebsocketProvider(url, room, doc, { params: { token } })`. */
export const POST = route<null, { id: string }>({ body: null }, ({ commands, user, params }) => commands.issueSyncToken(user, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
