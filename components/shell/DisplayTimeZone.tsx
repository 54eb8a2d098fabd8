'use client';

import { setDisplayTimeZone } from '@/lib/i18n';

/**
 * Gives the browser the zone the server shows times in (the organisation's TIME_ZONE), before
 * anything below it renders: times hydrate as the server wrote them, whatever the browser's zone.
 */
export function DisplayTimeZone({ zone }: { zone: string }) {
  setDisplayTimeZone(zone);
  return null;
}
