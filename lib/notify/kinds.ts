import type { Locale } from '../i18n';

/**
 * What a person is told about (issue 7): added to a sheet, a stage change, a lock on the section
 * they were in, a mention, a task assigned to them, a deadline coming or missed, and a nudge
 * (催办) from the tracker.
 */
export const NOTIFICATION_KINDS = ['added', 'stage', 'lock', 'mention', 'assigned', 'deadlineSoon', 'deadlineMissed', 'nudge'] as const;
/** One kind of notification. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Kinds told at most once per person per sheet in this window (ms): a later one replaces the
 * unread earlier one, counting the changes, and sends no second email (a session of stage clicks).
 */
export const COLLAPSE_WINDOW_MS: Partial<Record<NotificationKind, number>> = { stage: 5 * 60_000 };

/** How one kind reaches a person: in the app (the bell) and/or by email. */
export interface Delivery {
  inApp: boolean;
  email: boolean;
}

/** A person's notification preferences: a delivery per kind, and the language of their emails. */
export interface NotificationPreferences {
  kinds: Record<NotificationKind, Delivery>;
  /** Language of emails; null until the person chooses (emails are then in zh-CN). */
  locale: Locale | null;
}

/** Preferences of someone who never changed them: everything in the app; by email what asks them to act. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  kinds: {
    added: { inApp: true, email: true },
    stage: { inApp: true, email: false },
    lock: { inApp: true, email: false },
    mention: { inApp: true, email: true },
    assigned: { inApp: true, email: true },
    deadlineSoon: { inApp: true, email: true },
    deadlineMissed: { inApp: true, email: true },
    nudge: { inApp: true, email: true },
  },
  locale: null,
};

/** Stored preferences merged over the defaults, so that a kind added later has a setting. */
export function withDefaults(stored: Partial<{ kinds: Partial<Record<string, Delivery>>; locale: Locale | null }> | null): NotificationPreferences {
  const kinds = { ...DEFAULT_PREFERENCES.kinds };
  for (const kind of NOTIFICATION_KINDS) {
    const chosen = stored?.kinds?.[kind];
    if (chosen) kinds[kind] = { inApp: chosen.inApp === true, email: chosen.email === true };
  }
  return { kinds, locale: stored?.locale ?? null };
}
