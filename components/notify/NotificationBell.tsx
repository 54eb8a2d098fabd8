'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { NotificationKind } from '@/lib/notify/kinds';
import { notificationPath, notificationText } from '@/lib/notify/words';
import { callApi } from '../http/api';
import styles from './notify.module.css';

/** One notification as `GET /api/v1/me/notifications` lists it. */
export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  sheetId: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

interface Page {
  notifications: NotificationItem[];
  unread: number;
  next: number | null;
}

/** How often the bell asks for the unread count, in ms: one indexed count, answered by the database on any node. */
const POLL_MS = 20_000;
const PAGE = 20;

/** A small drawing per kind, so the list can be scanned at a glance (paths in a 24 × 24 box). */
const KIND_ICON: Record<NotificationKind, string> = {
  added: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M19 8v6M22 11h-6',
  stage: 'M5 12h14M13 6l6 6-6 6',
  lock: 'M7 11V7a5 5 0 0 1 10 0v4M5 11h14v10H5z',
  mention: 'M16 12a4 4 0 1 1-8 0 4 4 0 0 1 8 0zM16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8',
  assigned: 'M9 11l3 3L22 4M21 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11',
  deadlineSoon: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2',
  deadlineMissed: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 8v4M12 16h.01',
  nudge: 'M4 15s1-1 4-1 5 2 8 2 4-1 4-1V3s-1 1-4 1-5-2-8-2-4 1-4 1zM4 22v-7',
};

/** "3 分钟前" for the last day, a date and time before that. */
function when(locale: Locale, iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds > -60) return relative.format(0, 'second');
  if (seconds > -3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (seconds > -86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return formatDate(locale, iso, true);
}

/**
 * The bell in the header: the unread count, kept current without a reload, and a panel listing
 * notifications in the template's words; choosing one marks it read and opens the sheet at the
 * section or task row it is about.
 */
export function NotificationBell({ locale }: { locale: Locale }) {
  const router = useRouter();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const refreshCount = useCallback(async () => {
    const result = await callApi<{ unread: number }>('GET', '/api/v1/me/notifications/unread');
    if (result.ok) setUnread(result.data.unread);
  }, []);

  const load = useCallback(async (before?: number) => {
    const result = await callApi<Page>('GET', `/api/v1/me/notifications?limit=${PAGE}${before ? `&before=${before}` : ''}`);
    if (!result.ok) return setFailed(true);
    setFailed(false);
    setNow(Date.now());
    setUnread(result.data.unread);
    setNext(result.data.next);
    setItems((shown) => (before && shown ? [...shown, ...result.data.notifications] : result.data.notifications));
  }, []);

  useEffect(() => {
    void refreshCount();
    const poll = () => (open ? void load() : void refreshCount());
    const timer = setInterval(poll, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && poll();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [open, load, refreshCount]);

  useEffect(() => {
    if (!open) return;
    void load();
    const outside = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open, load]);

  const markRead = async (body: { ids: number[] } | { all: true }) => {
    const result = await callApi<{ unread: number }>('POST', '/api/v1/me/notifications/read', body);
    if (!result.ok) return;
    setUnread(result.data.unread);
    const at = new Date().toISOString();
    setItems((shown) => shown?.map((n) => ('all' in body || body.ids.includes(n.id) ? { ...n, readAt: n.readAt ?? at } : n)) ?? null);
  };

  const choose = (n: NotificationItem) => {
    if (!n.readAt) void markRead({ ids: [n.id] });
    setOpen(false);
    router.push(notificationPath(n));
  };

  const label = unread > 0 ? t(locale, 'notify.bellUnread', { count: unread }) : t(locale, 'notify.bell');
  return (
    <div className={styles.bell} ref={root}>
      <button type="button" className={styles.trigger} aria-label={label} title={label} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="notification-bell">
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span className={styles.count} aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className={styles.panel} role="dialog" aria-label={t(locale, 'notify.title')}>
          <header className={styles.head}>
            <h2 className={styles.title}>{t(locale, 'notify.title')}</h2>
            <button type="button" className="button button--quiet button--small" disabled={unread === 0} onClick={() => void markRead({ all: true })}>
              {t(locale, 'notify.markAllRead')}
            </button>
          </header>
          {failed && (
            <p className={styles.empty} role="alert">
              {t(locale, 'notify.loadFailed')}
            </p>
          )}
          {items && items.length === 0 && !failed && <p className={styles.empty}>{t(locale, 'notify.empty')}</p>}
          {items && items.length > 0 && (
            <ul className={styles.list} data-testid="notification-list">
              {items.map((n) => (
                <li key={n.id} className={`${styles.item}${n.readAt ? '' : ` ${styles.unread}`}`}>
                  <button type="button" className={styles.open} onClick={() => choose(n)}>
                    <span className={styles.dot} aria-hidden="true" />
                    <span className={`${styles.icon} ${styles[`icon-${n.kind}`] ?? ''}`} aria-hidden="true">
                      <svg width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                        <path d={KIND_ICON[n.kind]} />
                      </svg>
                    </span>
                    <span className={styles.words}>
                      <span className={styles.text}>{notificationText(locale, n)}</span>
                      <span className={styles.meta}>
                        {!n.readAt && <span className="sr-only">{t(locale, 'notify.unread')} · </span>}
                        <time dateTime={n.createdAt}>{when(locale, n.createdAt, now)}</time>
                      </span>
                    </span>
                  </button>
                  {!n.readAt && (
                    <button type="button" className={styles.markRead} aria-label={t(locale, 'notify.markRead')} title={t(locale, 'notify.markRead')} onClick={() => void markRead({ ids: [n.id] })}>
                      <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                        <path d="M20 6 9 17l-5-5" />
                      </svg>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <footer className={styles.foot}>
            {next !== null ? (
              <button type="button" className="button button--quiet button--small" onClick={() => void load(next)}>
                {t(locale, 'notify.more')}
              </button>
            ) : (
              <span />
            )}
            <Link href="/settings#notifications" className={styles.settings} onClick={() => setOpen(false)}>
              {t(locale, 'notify.settingsLink')}
            </Link>
          </footer>
        </div>
      )}
    </div>
  );
}
