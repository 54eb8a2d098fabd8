'use client';

import { signOut } from 'next-auth/react';

/** Ends the session and returns to the sign-in page. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--quiet" onClick={() => void signOut({ callbackUrl: '/signin' })}>
      {label}
    </button>
  );
}
