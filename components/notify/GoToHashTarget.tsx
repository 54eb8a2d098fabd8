'use client';

import { useEffect } from 'react';
import { goToTarget } from '../sheet/targets';

/**
 * Brings the section or task row named by the address's hash (`#record`, `#tasks/<rowId>`) into
 * view: where a notification's link points. Follows later hash changes too.
 */
export function GoToHashTarget() {
  useEffect(() => {
    const go = () => {
      const target = decodeURIComponent(window.location.hash.slice(1));
      if (target) goToTarget(target);
    };
    const frame = requestAnimationFrame(go);
    window.addEventListener('hashchange', go);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('hashchange', go);
    };
  }, []);
  return null;
}
