'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import type { DirectoryPerson } from '../sheet/model';

/** Someone who can be mentioned: a person (their user id) or a whole department (`dept:<name>`). */
interface Mentionable {
  id: string;
  label: string;
  hint: string;
}

/** People and departments of the directory, as they can be mentioned. */
export function mentionables(locale: Locale, directory: DirectoryPerson[]): Mentionable[] {
  const departments = [...new Set(directory.map((p) => p.departmentName).filter((d): d is string => !!d))];
  return [
    ...directory.map((p) => ({ id: p.id, label: p.name, hint: p.departmentName ?? p.email })),
    ...departments.map((d) => ({ id: `dept:${d}`, label: d, hint: t(locale, 'comments.mentionDept') })),
  ];
}

/** The mentions still written in the text as `@label`. */
export function mentionsIn(text: string, chosen: Mentionable[]): string[] {
  return [...new Set(chosen.filter((m) => text.includes(`@${m.label}`)).map((m) => m.id))];
}

/** The `@word` being typed just before the caret, if any; an `@` inside an email address is not one. */
function typedMention(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^A-Za-z0-9._%+-])@([^\s@]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2].length - 1, query: match[2] } : null;
}

/**
 * A text area where `@` offers people and departments from the directory (arrow keys, Enter,
 * Escape); what was chosen is handed back with the text so mentions are stored by id.
 */
export function MentionInput(props: {
  locale: Locale;
  directory: DirectoryPerson[];
  label: string;
  initial?: string;
  /** Mentions already stored with `initial`, kept while their `@label` stays in the text. */
  initialMentions?: string[];
  submitLabel: string;
  onSubmit: (text: string, mentions: string[]) => Promise<void> | void;
  onCancel?: () => void;
  testId?: string;
}) {
  const { locale, directory, label } = props;
  const [text, setText] = useState(props.initial ?? '');
  const [caret, setCaret] = useState(0);
  const [chosen, setChosen] = useState<Mentionable[]>(() => mentionables(locale, directory).filter((m) => props.initialMentions?.includes(m.id)));
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const all = useMemo(() => mentionables(locale, directory), [locale, directory]);
  const typed = typedMention(text, caret);
  const options = typed && typed.start !== dismissed ? all.filter((m) => m.label.toLowerCase().includes(typed.query.toLowerCase())).slice(0, 8) : [];

  const choose = (m: Mentionable) => {
    if (!typed) return;
    const next = `${text.slice(0, typed.start)}@${m.label} ${text.slice(caret)}`;
    setText(next);
    setCaret(typed.start + m.label.length + 2);
    setChosen((prev) => [...prev, m]);
  };
  const submit = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    await props.onSubmit(text.trim(), mentionsIn(text, chosen));
    setBusy(false);
    setText('');
    setChosen([]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (options.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(typed!.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit();
  };

  return (
    <div className="mention-input">
      <textarea
        aria-label={label}
        placeholder={label}
        value={text}
        rows={2}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options.length > 0 ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
        data-testid={props.testId}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul id={listId} role="listbox" className="mention-input__options" aria-label={t(locale, 'comments.mentionsLabel')}>
          {options.map((m, i) => (
            <li key={m.id} id={`${listId}-${i}`} role="option" aria-selected={i === Math.min(active, options.length - 1)} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(m)}>
              <span>@{m.label}</span>
              <small>{m.hint}</small>
            </li>
          ))}
        </ul>
      )}
      <div className="mention-input__actions">
        {props.onCancel && (
          <button type="button" className="button button--small button--quiet" onClick={props.onCancel}>
            {t(locale, 'comments.cancel')}
          </button>
        )}
        <button type="button" className="button button--small button--primary" disabled={!text.trim() || busy} onClick={() => void submit()}>
          {props.submitLabel}
        </button>
      </div>
    </div>
  );
}
