import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

/** Locales Concord speaks; zh-CN is the default (the template is Chinese). */
export const LOCALES = ['zh-CN', 'en'] as const;
/** One supported locale. */
export type Locale = (typeof LOCALES)[number];
/** The locale used when the person has not chosen one. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';
/** Name of the cookie holding the chosen locale, read by server components. */
export const LOCALE_COOKIE = 'concord-locale';
/** How each locale names itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export type { MessageKey };

/** A message not yet put into words, so that it follows a later change of language. */
export interface Message {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** The locale named by a cookie value, or the default for anything else. */
export function resolveLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

/** The message `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const message = CATALOGS[locale][key];
  return vars ? message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : message;
}

/**
 * Where the zone times are shown in is kept: on `globalThis`, so the server process and the copy of
 * this module Next bundles for pages read the same one, and the browser is given the same by the
 * root layout (`DisplayTimeZone`). Server-rendered and hydrated times then agree, whatever zone
 * the server's or the browser's clock is in.
 */
const ZONE_KEY = '__concordDisplayTimeZone';

/** Times are shown in this IANA zone from now on: the organisation's `TIME_ZONE`. */
export function setDisplayTimeZone(zone: string): void {
  (globalThis as Record<string, unknown>)[ZONE_KEY] = zone;
}

/** The zone times are shown in (the organisation's), or undefined before one is set. */
export function displayTimeZone(): string | undefined {
  return (globalThis as Record<string, unknown>)[ZONE_KEY] as string | undefined;
}

/**
 * A date (`YYYY-MM-DD` or ISO timestamp) as the locale writes it. A timestamp is shown in the
 * organisation's time zone (`setDisplayTimeZone`); a date alone is a calendar day and stays the
 * day it says.
 */
export function formatDate(locale: Locale, value: string, withTime = false): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime && !dateOnly ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    timeZone: dateOnly ? 'UTC' : displayTimeZone(),
  }).format(date);
}
