'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { ROLES, type Role } from '@/lib/policies';
import { RoleBadge } from '../sheets/Badges';
import { callApi } from '../http/api';

/** A member of the sheet as the page shows them. */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  departmentName: string | null;
  role: Role;
}

/** The sheet's members and roles; facilitators may add people or change a role by email. */
export function MembersPanel({ locale, sheetId, members, canManage }: { locale: Locale; sheetId: string; members: MemberView[]; canManage: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<Message | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setWorking(true);
    setError(null);
    const added = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheetId)}/members`, {
      email: String(form.get('email') ?? '').trim(),
      role: form.get('role'),
    });
    setWorking(false);
    if (!added.ok) return setError(added.status === 0 ? { key: 'form.networkError' } : { key: 'members.failed', vars: { message: added.message } });
    formElement.reset();
    router.refresh();
  }

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title" className="panel__title">
        {t(locale, 'members.title')}
      </h2>
      <ul className="members" data-testid="members">
        {members.map((m) => (
          <li key={m.userId} className="members__item">
            <span className="members__who">
              <span className="members__name">{m.name}</span>
              <span className="members__dept">{m.departmentName ?? m.email}</span>
            </span>
            <RoleBadge locale={locale} role={m.role} />
          </li>
        ))}
      </ul>
      {canManage && (
        <form className="stack stack--tight members__form" onSubmit={submit}>
          <h3 className="panel__subtitle">{t(locale, 'members.add')}</h3>
          <label className="field">
            <span className="field__label">{t(locale, 'members.email')}</span>
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <div className="field-row">
            <label className="field">
              <span className="field__label">{t(locale, 'members.role')}</span>
              <select name="role" defaultValue="editor">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(locale, `role.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <button className="button" type="submit" disabled={working}>
              {t(locale, 'members.submit')}
            </button>
          </div>
          {error && (
            <p className="form-error" role="alert">
              {t(locale, error.key, error.vars)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
