'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from 'react';
import { t, type Locale, type Message } from '@/lib/i18n';
import { ROLES, type Role } from '@/lib/policies';
import { callApi, type ApiResult } from '../http/api';
import { RoleBadge } from '../sheets/Badges';
import { problemOf } from '../shell/problem';
import styles from './MembersPanel.module.css';
import { FormFeedback } from '@/components/shell/FormFeedback';

/** A member of the sheet as the page shows them. */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  departmentName: string | null;
  role: Role;
}

/** A person found in the directory (GET /api/v1/users). */
interface DirectoryEntry {
  id: string;
  email: string;
  name: string;
  departmentName: string | null;
}

/** A department with how many people it has, for adding it whole. */
interface DepartmentChoice {
  name: string;
  people: number;
}

const SEARCH_LIMIT = 8;
// Long enough to skip the requests of a word being typed, short enough to feel instant.
const SEARCH_DELAY_MS = 150;

/** The refusals a facilitator can meet here, in words rather than status codes. */
const MEMBER_PROBLEMS = {
  conflict: 'members.error.lastFacilitator',
  not_found: 'members.error.notFound',
  forbidden: 'members.error.forbidden',
} as const;

/**
 * The sheet's members and their roles, seen by everyone. The facilitator adds a person found in
 * the directory as they type (or by full email) or a whole department, changes roles and removes
 * people; the server decides, and the page is refreshed from it after every change.
 */
export function MembersPanel({ locale, sheetId, members, canManage }: { locale: Locale; sheetId: string; members: MemberView[]; canManage: boolean }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<Message | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const busy = working || refreshing;
  const membersPath = `/api/v1/sheets/${encodeURIComponent(sheetId)}/members`;

  /** Runs one change; on success says what happened and re-reads the members (and the caller's own rights) from the server. */
  async function change<T>(request: Promise<ApiResult<T>>, done: (data: T) => Message): Promise<boolean> {
    setWorking(true);
    setError(null);
    setNotice(null);
    const result = await request;
    setWorking(false);
    if (!result.ok) {
      setError(problemOf(result, MEMBER_PROBLEMS));
      return false;
    }
    setNotice(done(result.data));
    startRefresh(() => router.refresh());
    return true;
  }

  const setRole = (member: MemberView, role: Role) =>
    change(callApi('POST', membersPath, { userId: member.userId, role }), () => ({
      key: 'members.roleChanged',
      vars: { name: member.name, role: t(locale, `role.${role}`) },
    }));

  const remove = async (member: MemberView) => {
    if (await change(callApi('DELETE', `${membersPath}/${encodeURIComponent(member.userId)}`), () => ({ key: 'members.removed', vars: { name: member.name } }))) {
      setConfirming(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title" className={`panel__title ${styles.title}`}>
        {t(locale, 'members.title')}
        <span className={styles.count}>{t(locale, 'members.count', { count: members.length })}</span>
      </h2>
      <ul className="members" data-testid="members" aria-busy={busy}>
        {members.map((m) => (
          <li key={m.userId} className={`members__item ${styles.member}`}>
            <span className="members__who">
              <span className="members__name">{m.name}</span>
              <span className="members__dept" title={m.email}>
                {m.departmentName ?? m.email}
              </span>
            </span>
            {canManage ? (
              <span className={styles.controls}>
                <select
                  className={styles.roleSelect}
                  aria-label={t(locale, 'members.roleOf', { name: m.name })}
                  value={m.role}
                  disabled={busy}
                  onChange={(e) => void setRole(m, e.target.value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(locale, `role.${r}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-button icon-button--danger"
                  aria-label={t(locale, 'members.removeWho', { name: m.name })}
                  title={t(locale, 'members.removeWho', { name: m.name })}
                  aria-expanded={confirming === m.userId}
                  disabled={busy}
                  onClick={() => setConfirming(confirming === m.userId ? null : m.userId)}
                >
                  ×
                </button>
              </span>
            ) : (
              <RoleBadge locale={locale} role={m.role} />
            )}
            {confirming === m.userId && (
              <div className={styles.confirm} role="group" aria-label={t(locale, 'members.removeWho', { name: m.name })}>
                <p>{t(locale, 'members.confirmRemove', { name: m.name })}</p>
                <div className={styles.actions}>
                  <button type="button" className={`button button--small ${styles.danger}`} disabled={busy} onClick={() => void remove(m)}>
                    {t(locale, 'members.confirm')}
                  </button>
                  <button type="button" className="button button--small" onClick={() => setConfirming(null)}>
                    {t(locale, 'people.cancel')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <FormFeedback locale={locale} error={error} notice={notice} noticeClassName={styles.notice} />
      {canManage && <AddMembers locale={locale} members={members} busy={busy} onAdd={(body, done) => change(callApi<AddAnswer>('POST', membersPath, body), done)} />}
    </section>
  );
}

type AddBody = { userId: string; role: Role } | { email: string; role: Role } | { department: string; role: Role };
type AddAnswer = { name?: string; added?: boolean; role?: Role; members?: unknown[] };

/** The facilitator's form: one person from the directory (or by full email), or a whole department, with a role. */
function AddMembers(props: {
  locale: Locale;
  members: MemberView[];
  busy: boolean;
  onAdd: (body: AddBody, done: (answer: AddAnswer) => Message) => Promise<boolean>;
}) {
  const { locale, members, busy, onAdd } = props;
  const [mode, setMode] = useState<'person' | 'department'>('person');
  const [role, setRole] = useState<Role>('editor');
  const [person, setPerson] = useState<DirectoryEntry | null>(null);
  const [query, setQuery] = useState('');
  const [departments, setDepartments] = useState<DepartmentChoice[] | null>(null);
  const [department, setDepartment] = useState('');
  const [hint, setHint] = useState<Message | null>(null);
  const formId = useId();

  useEffect(() => {
    if (mode !== 'department' || departments) return;
    let current = true;
    // Counts come from the directory: the departments endpoint lists names only.
    void Promise.all([callApi<{ departments: Array<{ name: string }> }>('GET', '/api/v1/departments'), callApi<{ users: DirectoryEntry[] }>('GET', '/api/v1/users')]).then(
      ([d, u]) => {
        if (!current || !d.ok) return;
        const people = u.ok ? u.data.users : [];
        const choices = d.data.departments.map(({ name }) => ({ name, people: people.filter((p) => p.departmentName === name).length }));
        setDepartments(choices);
        setDepartment((chosen) => chosen || (choices.find((c) => c.people > 0)?.name ?? ''));
      },
    );
    return () => {
      current = false;
    };
  }, [mode, departments]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setHint(null);
    if (mode === 'department') {
      if (!department) return;
      await onAdd({ department, role }, (a) => (a.members?.length ? { key: 'members.addedMany', vars: { count: a.members.length } } : { key: 'members.addedNone' }));
      return;
    }
    const typed = query.trim();
    const body = person ? { userId: person.id, role } : typed.includes('@') ? { email: typed, role } : null;
    if (!body) return setHint({ key: 'members.pickFirst' });
    const done = (a: AddAnswer): Message =>
      a.added ? { key: 'members.added', vars: { name: a.name ?? typed } } : { key: 'members.roleChanged', vars: { name: a.name ?? typed, role: t(locale, `role.${a.role ?? role}`) } };
    if (await onAdd(body, done)) {
      setPerson(null);
      setQuery('');
    }
  }

  return (
    <form className={`stack stack--tight members__form ${styles.form}`} onSubmit={submit} aria-labelledby="members-add-title">
      <h3 id="members-add-title" className="panel__subtitle">
        {t(locale, 'members.add')}
      </h3>
      <fieldset className={styles.modes}>
        <legend className="sr-only">{t(locale, 'members.mode')}</legend>
        {(['person', 'department'] as const).map((m) => (
          <label key={m} className={styles.mode}>
            <input type="radio" name="members-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            <span>{t(locale, `members.mode.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'person' ? (
        <DirectorySearch
          locale={locale}
          memberIds={new Set(members.map((m) => m.userId))}
          query={query}
          onQuery={(q) => {
            setQuery(q);
            setPerson(null);
            setHint(null);
          }}
          onPick={(p) => {
            setPerson(p);
            setQuery(p.name);
            setHint(null);
          }}
        />
      ) : (
        <div className="field">
          <label className="field__label" htmlFor={`${formId}-department`}>
            {t(locale, 'members.department')}
          </label>
          <select
            id={`${formId}-department`}
            aria-describedby={`${formId}-department-hint`}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            disabled={!departments?.length}
          >
            {departments?.map((d) => (
              <option key={d.name} value={d.name} disabled={d.people === 0}>
                {t(locale, 'members.departmentOption', { name: d.name, count: d.people })}
              </option>
            ))}
          </select>
          <span id={`${formId}-department-hint`} className="field__hint">
            {t(locale, departments && departments.length === 0 ? 'members.noDepartments' : 'members.departmentHint')}
          </span>
        </div>
      )}
      <div className="field-row">
        <label className="field">
          <span className="field__label">{t(locale, 'members.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(locale, `role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button className="button button--primary" type="submit" disabled={busy || (mode === 'department' && !department)}>
          {t(locale, 'members.submit')}
        </button>
      </div>
      {hint && (
        <p className="form-error" role="alert">
          {t(locale, hint.key, hint.vars)}
        </p>
      )}
    </form>
  );
}

/**
 * A person searched in the directory as you type (ARIA combobox: arrows, Enter, Escape). Unlike
 * the sheet's person fields, it asks the server, shows emails to tell namesakes apart, and marks
 * who is already a member.
 */
function DirectorySearch(props: { locale: Locale; memberIds: Set<string>; query: string; onQuery: (q: string) => void; onPick: (p: DirectoryEntry) => void }) {
  const { locale, memberIds, query, onQuery, onPick } = props;
  const listId = useId();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<DirectoryEntry[] | null>(null);
  const [active, setActive] = useState(0);
  const latest = useRef('');

  const pick = (p: DirectoryEntry) => {
    onPick(p);
    setOpen(false);
  };

  useEffect(() => {
    if (!open) return;
    const q = query.trim();
    latest.current = q;
    const timer = setTimeout(() => {
      void callApi<{ users: DirectoryEntry[] }>('GET', `/api/v1/users?q=${encodeURIComponent(q)}&limit=${SEARCH_LIMIT}`).then((r) => {
        // A slower answer to an earlier query must not replace the answer to the latest one.
        if (latest.current !== q || !r.ok) return;
        // A full email names one person: take them and close the list, which would cover the form.
        const exact = r.data.users.find((p) => p.email === q.toLowerCase());
        if (exact) pick(exact);
        else setResults(r.data.users);
      });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // `pick` only forwards to the parent's setters; re-running the search for its identity would refetch on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, query]);

  const choosable = (results ?? []).filter((p) => !memberIds.has(p.id));
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (choosable.length ? (a + step + choosable.length) % choosable.length : 0));
    } else if (e.key === 'Enter' && open && choosable[active]) {
      // Enter picks the highlighted person; with the list closed it submits the form as usual.
      e.preventDefault();
      pick(choosable[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className={`field ${styles.search}`}>
      <label className="field__label" htmlFor={inputId}>
        {t(locale, 'members.search')}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={open && results !== null}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && choosable[active] ? `${listId}-${choosable[active].id}` : undefined}
        placeholder={t(locale, 'members.searchPlaceholder')}
        value={query}
        onChange={(e) => {
          onQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <ul className={`combobox__list ${styles.list}`} role="listbox" id={listId} aria-label={t(locale, 'editor.fromDirectory')}>
          {results === null && <li className="combobox__empty muted">{t(locale, 'members.searching')}</li>}
          {results?.length === 0 && <li className="combobox__empty muted">{t(locale, 'members.noMatch')}</li>}
          {results?.map((p) => {
            const member = memberIds.has(p.id);
            return (
              <li
                key={p.id}
                id={`${listId}-${p.id}`}
                role="option"
                aria-selected={!member && choosable[active]?.id === p.id}
                aria-disabled={member}
                className={`combobox__option ${styles.option}`}
                // mousedown, not click: the input's blur would otherwise close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  if (!member) pick(p);
                }}
              >
                <span>
                  {p.name}
                  {p.departmentName && <span className="muted"> · {p.departmentName}</span>}
                </span>
                <span className={styles.optionEmail}>{member ? t(locale, 'members.already') : p.email}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
