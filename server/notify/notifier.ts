import { DEFAULT_LOCALE, t, type Locale } from '../../lib/i18n';
import { COLLAPSE_WINDOW_MS, withDefaults, type NotificationKind } from '../../lib/notify/kinds';
import { notificationPath, notificationText } from '../../lib/notify/words';
import type { Logger } from '../log';
import type { Notification, Store } from '../store/types';
import type { Mailer } from './mailer';

/** Something that happened on a sheet, to tell some people about. */
export interface Happening {
  kind: NotificationKind;
  sheetId: string;
  /** Who did it; never told about their own action. Null for the server itself (a deadline). */
  actor: { id: string; name: string } | null;
  /** What the words need besides the sheet's title (added here): see `lib/notify/words.ts`. */
  payload: Record<string, unknown>;
  /** Makes it happen once per recipient, on however many nodes it is attempted (`NewNotification.key`). */
  key?: string;
}

/** How long a task row stays unchanged before its assignment notice goes out, by default (ms). */
export const SETTLE_MS = 10_000;

/**
 * Records a notification per recipient after their preferences (in the app and/or by email),
 * never for the person who acted, and sends the emails when SMTP is configured. Never throws: a
 * failure to notify is logged and does not undo what happened.
 */
export class Notifier {
  private readonly sending = new Set<Promise<void>>();
  private readonly settling = new Map<string, { timer: NodeJS.Timeout; run: () => Promise<void> }>();
  /** How long `settle` waits after the last call for a key (ms); tests shorten it. */
  settleMs = SETTLE_MS;

  constructor(
    private readonly store: Store,
    private readonly publicUrl: () => string,
    private readonly log: Logger,
    private readonly mailer: Mailer | null,
  ) {}

  /** True when notifications are also sent by email. */
  get emails(): boolean {
    return this.mailer !== null;
  }

  /** Tells each recipient (once each, the actor excepted); returns the in-app notifications recorded. */
  async tell(happening: Happening, recipients: Iterable<string>): Promise<Notification[]> {
    const recorded: Notification[] = [];
    const people = new Set(recipients);
    people.delete(happening.actor?.id ?? '');
    if (people.size === 0) return recorded;
    try {
      const sheet = await this.store.sheets.getSheet(happening.sheetId);
      const payload = { title: sheet?.title ?? '', ...happening.payload };
      for (const recipientId of people) {
        const preferences = withDefaults(await this.store.notifications.preferences(recipientId));
        const delivery = preferences.kinds[happening.kind];
        if (!delivery.inApp && !delivery.email) continue;
        const record = { recipientId, kind: happening.kind, sheetId: happening.sheetId, actorId: happening.actor?.id ?? null, actorName: happening.actor?.name ?? null, payload, inApp: delivery.inApp };
        const window = COLLAPSE_WINDOW_MS[happening.kind];
        // In a burst the person keeps one notice, counting the changes; the email went with the first.
        const { notification, replaced } = window
          ? await this.store.notifications.collapse(record, window, (earlier) => ({ ...payload, from: earlier.from, changes: (Number(earlier.changes) || 1) + 1 }))
          : { notification: await this.store.notifications.add({ ...record, key: happening.key ?? null }), replaced: null };
        if (!notification) continue;
        if (delivery.inApp) recorded.push(notification);
        if (delivery.email && this.mailer && !replaced) this.email(notification, preferences.locale ?? DEFAULT_LOCALE);
      }
    } catch (err) {
      this.log.error('notify.failed', { kind: happening.kind, sheetId: happening.sheetId, error: String(err) });
    }
    return recorded;
  }

  /**
   * Runs `run` once nothing has called `settle` or `postpone` with `key` for `settleMs`: a later
   * call replaces what was waiting (an assignment notice goes out once the row has settled).
   */
  settle(key: string, run: () => Promise<void>): void {
    clearTimeout(this.settling.get(key)?.timer);
    const timer = setTimeout(() => this.runSettled(key), this.settleMs);
    this.settling.set(key, { timer, run });
  }

  /** Starts the wait for `key` again, if something is waiting on it. */
  postpone(key: string): void {
    const waiting = this.settling.get(key);
    if (waiting) this.settle(key, waiting.run);
  }

  private runSettled(key: string): void {
    const waiting = this.settling.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.settling.delete(key);
    const done = waiting
      .run()
      .catch((err: unknown) => this.log.error('notify.failed', { key, error: String(err) }))
      .finally(() => this.sending.delete(done));
    this.sending.add(done);
  }

  /** Sends a notification's email in the background; a failure is logged. */
  private email(notification: Notification, locale: Locale): void {
    const mailer = this.mailer!;
    const sent = (async () => {
      const person = await this.store.people.findUserById(notification.recipientId);
      if (!person) return;
      const text = notificationText(locale, notification);
      const base = this.publicUrl();
      await mailer.send({
        to: person.email,
        subject: t(locale, 'notify.email.subject', { text }),
        text: [text, t(locale, 'notify.email.open', { url: `${base}${notificationPath(notification)}` }), '—', t(locale, 'notify.email.footer', { url: `${base}/settings#notifications` })].join('\n\n'),
      });
    })()
      .catch((err: unknown) => this.log.error('notify.email.failed', { notificationId: notification.id, error: String(err) }))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  /** Sends what is still settling at once, waits for it and the emails being sent, then closes the mail transport. */
  async close(): Promise<void> {
    for (const key of Array.from(this.settling.keys())) this.runSettled(key);
    while (this.sending.size) await Promise.allSettled(Array.from(this.sending));
    this.mailer?.close();
  }
}
