import type { ReactNode } from 'react';

/** The centred card of the setup and sign-in pages. */
export function AuthCard({ title, lead, children }: { title: string; lead: string; children: ReactNode }) {
  return (
    <main className="auth">
      <section className="auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title" className="auth__title">
          {title}
        </h1>
        <p className="auth__lead">{lead}</p>
        {children}
      </section>
    </main>
  );
}
