'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import { t, type Locale } from '@/lib/i18n';
import type { DirectoryPerson } from '../model';

const MAX_OPTIONS = 8;

/** People whose name, department or email contains what was typed. */
function matches(directory: DirectoryPerson[], query: string): DirectoryPerson[] {
  const q = query.trim().toLowerCase();
  if (!q) return directory.slice(0, MAX_OPTIONS);
  return directory.filter((p) => [p.name, p.departmentName ?? '', p.email].some((s) => s.toLowerCase().includes(q))).slice(0, MAX_OPTIONS);
}

/**
 * A person's name, searched as you type over the directory (ARIA combobox: arrows, Enter,
 * Escape). Picking fills the person (and the caller fills their department); a name not in the
 * directory is kept as typed when the field is left.
 */
export function PersonCombobox(props: {
  locale: Locale;
  label: string;
  value: string;
  directory: DirectoryPerson[];
  onPick?: (person: DirectoryPerson) => void;
  onText?: (name: string) => void;
  className?: string;
}) {
  const { locale, label, value, directory, onPick, onText } = props;
  const listId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const open = draft !== null && !!onPick;
  const options = open ? matches(directory, draft) : [];

  const pick = (person: DirectoryPerson) => {
    onPick?.(person);
    setDraft(null);
  };
  const leave = () => {
    if (draft !== null && draft !== value) onText?.(draft.trim());
    setDraft(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (options.length ? (a + step + options.length) % options.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (options[active]) pick(options[active]);
      else leave();
    } else if (e.key === 'Escape') {
      setDraft(null);
    }
  };

  return (
    <span className={`combobox ${props.className ?? ''}`}>
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        placeholder={onPick ? t(locale, 'editor.searchPeople') : undefined}
        readOnly={!onPick}
        value={draft ?? value}
        onFocus={() => onPick && (setDraft(value), setActive(0))}
        onChange={(e) => {
          setDraft(e.target.value);
          setActive(0);
        }}
        onBlur={leave}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className="combobox__list" role="listbox" id={listId} aria-label={t(locale, 'editor.fromDirectory')}>
          {options.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="combobox__option"
              // mousedown, not click: the input's blur would otherwise close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              <span>{p.name}</span>
              {p.departmentName && <span className="muted"> · {p.departmentName}</span>}
            </li>
          ))}
          {options.length === 0 && <li className="combobox__empty muted">{t(locale, 'editor.noMatch')}</li>}
        </ul>
      )}
    </span>
  );
}
