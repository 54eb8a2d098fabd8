'use client';

import { useState, type FormEvent } from 'react';
import { LOCALE_NAMES, LOCALES, t, type Locale, type Message } from '@/lib/i18n';
import { NOTIFICATION_KINDS, type NotificationPreferences as Preferences } from '@/lib/notify/kinds';
import { callApi } from '../http/api';
import { FormFeedback } from '../shell/FormFeedback';
import { problemOf } from '../shell/problem';
import settings from '../settings/settings.module.css';
import styles from './notify.module.css';

/**
 * My notification settings (通知): for each kind, in the app (the bell) and/or by email, and the
 * language of my emails. Email choices are kept even while the server sends no email.
 */
export function NotificationPreferences({ locale, initial, emailAvailable }: { locale: Locale; initial: Preferences; emailAvailable: boolean }) {
  const [kinds, setKinds] = useState(initial.kinds);
  const [emailLocale, setEmailLocale] = useState<Locale>(initial.locale ?? locale);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);

  const toggle = (kind: (typeof NOTIFICATION_KINDS)[number], channel: 'inApp' | 'email') => {
    setNotice(null);
    setKinds((current) => ({ ...current, [kind]: { ...current[kind], [channel]: !current[kind][channel] } }));
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setWorking(true);
    setError(null);
    setNotice(null);
    const saved = await callApi<Preferences>('PUT', '/api/v1/me/notification-preferences', { kinds, locale: emailLocale });
    setWorking(false);
    if (!saved.ok) return setError(problemOf(saved, {}));
    setKinds(saved.data.kinds);
    setNotice({ key: 'notify.prefs.saved' });
  }

  return (
    <section id="notifications" className={`panel stack ${settings.section} ${styles.prefsSection}`} aria-labelledby="notifications-title">
      <div>
        <h2 id="notifications-title" className="panel__title">
          {t(locale, 'notify.prefs.title')}
        </h2>
        <p className="panel__hint">{t(locale, 'notify.prefs.lead')}</p>
      </div>
      <form className="stack" onSubmit={save}>
        <table className={`${settings.table} ${styles.prefs}`} data-testid="notification-preferences">
          <thead>
            <tr>
              <th scope="col">{t(locale, 'notify.prefs.kind')}</th>
              <th scope="col" className={styles.channel}>
                {t(locale, 'notify.prefs.inApp')}
              </th>
              <th scope="col" className={styles.channel}>
                {t(locale, 'notify.prefs.email')}
              </th>
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t(locale, `notify.kind.${kind}`)}</th>
                {(['inApp', 'email'] as const).map((channel) => (
                  <td key={channel} className={styles.channel}>
                    <input
                      type="checkbox"
                      checked={kinds[kind][channel]}
                      onChange={() => toggle(kind, channel)}
                      aria-label={`${t(locale, `notify.kind.${kind}`)} · ${t(locale, channel === 'inApp' ? 'notify.prefs.inApp' : 'notify.prefs.email')}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!emailAvailable && <p className="panel__hint">{t(locale, 'notify.prefs.emailOff')}</p>}
        <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={settings.notice} />
        <div className={`field-row ${styles.saveRow}`}>
          <label className={`field ${styles.locale}`}>
            <span className="field__label">{t(locale, 'notify.prefs.locale')}</span>
            <select value={emailLocale} onChange={(e) => setEmailLocale(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary" disabled={working}>
            {t(locale, 'notify.prefs.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
