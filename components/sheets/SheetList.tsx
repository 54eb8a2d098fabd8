import Link from 'next/link';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { Role } from '@/lib/policies';
import type { Confidentiality, Stage, Urgency } from '@/lib/sheet/fields';
import { RoleBadge, StageBadge, UrgencyBadge } from './Badges';
import styles from './SheetBrowser.module.css';

/** One row of "my sheets", as `listSheets` returns it. */
export interface SheetListItem {
  id: string;
  title: string;
  stage: Stage;
  urgency: Urgency;
  confidentiality: Confidentiality;
  dueDate: string | null;
  departments: string[];
  updatedAt: string;
  role: Role;
}

/** The sheets the person takes part in, newest change first; narrow screens scroll the table sideways rather than squeeze it. */
export function SheetList({ locale, sheets }: { locale: Locale; sheets: SheetListItem[] }) {
  return (
    <div className={styles.scroll}>
      <table className="sheet-table">
        <thead>
          <tr>
            <th scope="col">{t(locale, 'sheets.col.title')}</th>
            <th scope="col">{t(locale, 'sheets.col.stage')}</th>
            <th scope="col">{t(locale, 'sheets.col.urgency')}</th>
            <th scope="col">{t(locale, 'sheets.col.dueDate')}</th>
            <th scope="col">{t(locale, 'sheets.col.departments')}</th>
            <th scope="col">{t(locale, 'sheets.col.updatedAt')}</th>
            <th scope="col">{t(locale, 'sheets.col.role')}</th>
          </tr>
        </thead>
        <tbody>
          {sheets.map((sheet) => (
            <tr key={sheet.id} className={`sheet-row sheet-row--${sheet.urgency}`}>
              <td className="sheet-table__title">
                <Link href={`/sheets/${sheet.id}`}>{sheet.title}</Link>
              </td>
              <td>
                <StageBadge locale={locale} stage={sheet.stage} />
              </td>
              <td>
                <UrgencyBadge locale={locale} urgency={sheet.urgency} />
              </td>
              <td className="nowrap">{sheet.dueDate ? formatDate(locale, sheet.dueDate) : <span className="muted">{t(locale, 'field.none')}</span>}</td>
              <td>{sheet.departments.length ? sheet.departments.join('、') : <span className="muted">—</span>}</td>
              <td className="nowrap muted">{formatDate(locale, sheet.updatedAt, true)}</td>
              <td>
                <RoleBadge locale={locale} role={sheet.role} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
