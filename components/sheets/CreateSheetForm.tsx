'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { LIMITS } from '@/lib/limits';
import { CONFIDENTIALITIES, URGENCIES } from '@/lib/sheet/fields';
import { callApi } from '../http/api';
import { DateInput } from '@/components/shell/DateInput';

/** Creates a sheet (POST /api/v1/sheets) and opens it. */
export function CreateSheetForm({ locale }: { locale: Locale }) {
  const router = useRouter();
  const [error, setError] = useState<Message | null>(null);
  const [working, setWorking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setWorking(true);
    setError(null);
    const created = await callApi<{ id: string }>('POST', '/api/v1/sheets', {
      title: String(form.get('title') ?? '').trim(),
      urgency: form.get('urgency'),
      dueDate: form.get('dueDate') || null,
      confidentiality: form.get('confidentiality'),
    });
    if (!created.ok) {
      setWorking(false);
      return setError(created.status === 0 ? { key: 'form.networkError' } : { key: 'sheets.create.failed', vars: { message: created.message } });
    }
    router.push(`/sheets/${created.data.id}`);
  }

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="create-sheet-title">
      <h2 id="create-sheet-title" className="panel__title">
        {t(locale, 'sheets.create.title')}
      </h2>
      <label className="field">
        <span className="field__label">{t(locale, 'field.title')}</span>
        <input name="title" required maxLength={LIMITS.titleChars} placeholder={t(locale, 'field.titlePlaceholder')} />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field__label">{t(locale, 'field.urgency')}</span>
          <select name="urgency" defaultValue="normal">
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(locale, `urgency.${u}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t(locale, 'field.confidentiality')}</span>
          <select name="confidentiality" defaultValue="internal">
            {CONFIDENTIALITIES.map((c) => (
              <option key={c} value={c}>
                {t(locale, `confidentiality.${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t(locale, 'field.dueDate')}</span>
        <DateInput locale={locale} name="dueDate" />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {t(locale, error.key, error.vars)}
        </p>
      )}
      <button className="button button--primary" type="submit" disabled={working}>
        {working ? t(locale, 'form.working') : t(locale, 'sheets.create.submit')}
      </button>
    </form>
  );
}
