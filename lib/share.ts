/** The cookie that remembers a shared link's password was given, one per link. */
export function shareCookieName(linkId: string): string {
  return `concord-share-${linkId}`;
}
