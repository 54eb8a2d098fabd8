'use client';

import { useMemo, useState } from 'react';
import { t, type Locale } from '@/lib/i18n';
import { STAGES, URGENCIES, type Stage, type Urgency } from '@/lib/sheet/fields';
import type { SheetFilters } from './filters';
import { SheetList, type SheetListItem } from './SheetList';
import styles from './SheetBrowser.module.css';

const NO_FILTERS: SheetFilters = { q: '', stage: '', urgency: '', department: '' };

function matches(sheet: SheetListItem, f: SheetFilters): boolean {
  const q = f.q.trim().toLowerCase();
  return (
    (!q || sheet.title.toLowerCase().includes(q)) &&
    (!f.stage || sheet.stage === f.stage) &&
    (!f.urgency || sheet.urgency === f.urgency) &&
    (!f.department || sheet.departments.includes(f.department))
  );
}

/** Keeps the filters in the address so that a reload, a shared link or Back shows the same list. */
function writeQuery(f: SheetFilters): void {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(f)) if (value) params.set(name, value);
  const search = params.toString();
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

/** My sheets with instant filters by title, stage, urgency and department, their counts, and an empty state for each case. */
export function SheetBrowser({ locale, sheets, initial }: { locale: Locale; sheets: SheetListItem[]; initial: SheetFilters }) {
  const [filters, setFilters] = useState<SheetFilters>(initial);
  const departments = useMemo(() => [...new Set(sheets.flatMap((s) => s.departments))].sort((a, b) => a.localeCompare(b, locale)), [sheets, locale]);
  const shown = sheets.filter((s) => matches(s, filters));
  const filtered = Object.values(filters).some(Boolean);
  // Each urgency chip counts what it would show with the other filters kept, so a click never surprises.
  const urgencyCount = (urgency: Urgency | '') => sheets.filter((s) => matches(s, { ...filters, urgency })).length;

  const change = (next: Partial<SheetFilters>) => {
    const merged = { ...filters, ...next };
    setFilters(merged);
    writeQuery(merged);
  };

  if (sheets.length === 0) {
    return (
      <div className="empty">
        <p className={styles.emptyTitle}>{t(locale, 'sheets.none.title')}</p>
        <p className={styles.emptyLead}>{t(locale, 'sheets.none.lead')}</p>
      </div>
    );
  }

  return (
    <>
      <search className={styles.filters} aria-label={t(locale, 'sheets.filters')}>
        <label className={`field ${styles.search}`}>
          <span className="field__label">{t(locale, 'sheets.search')}</span>
          <input type="search" value={filters.q} placeholder={t(locale, 'sheets.searchPlaceholder')} onChange={(e) => change({ q: e.target.value })} />
        </label>
        <label className={`field ${styles.select}`}>
          <span className="field__label">{t(locale, 'sheets.filter.stage')}</span>
          <select value={filters.stage} onChange={(e) => change({ stage: e.target.value as Stage | '' })}>
            <option value="">{t(locale, 'sheets.filter.allStages')}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(locale, `stage.${stage}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={`field ${styles.select}`}>
          <span className="field__label">{t(locale, 'sheets.filter.department')}</span>
          <select value={filters.department} onChange={(e) => change({ department: e.target.value })}>
            <option value="">{t(locale, 'sheets.filter.allDepartments')}</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <fieldset className={styles.chips}>
          <legend className="field__label">{t(locale, 'sheets.filter.urgency')}</legend>
          {(['', ...URGENCIES] as const).map((urgency) => (
            <button
              key={urgency || 'all'}
              type="button"
              className={`${styles.chip} ${urgency ? styles[`chip-${urgency}`] : ''}`}
              aria-pressed={filters.urgency === urgency}
              onClick={() => change({ urgency })}
            >
              {urgency ? t(locale, `urgency.${urgency}`) : t(locale, 'sheets.filter.all')}
              <span className={styles.chipCount}>{urgencyCount(urgency)}</span>
            </button>
          ))}
        </fieldset>
      </search>
      <div className={styles.summary}>
        <p role="status" className={styles.count} data-testid="sheet-count">
          {filtered ? t(locale, 'sheets.count.filtered', { shown: shown.length, total: sheets.length }) : t(locale, 'sheets.count.all', { total: sheets.length })}
        </p>
        {filtered && (
          <button type="button" className="button button--quiet button--small" onClick={() => change(NO_FILTERS)}>
            {t(locale, 'sheets.filter.clear')}
          </button>
        )}
      </div>
      {shown.length > 0 ? (
        <SheetList locale={locale} sheets={shown} />
      ) : (
        <div className="empty">
          <p className={styles.emptyTitle}>{t(locale, 'sheets.noMatch.title')}</p>
          <p className={styles.emptyLead}>{t(locale, 'sheets.noMatch.lead')}</p>
          <button type="button" className={`button ${styles.emptyAction}`} onClick={() => change(NO_FILTERS)}>
            {t(locale, 'sheets.filter.clear')}
          </button>
        </div>
      )}
    </>
  );
}
