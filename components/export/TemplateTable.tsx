import type { TemplateRow } from '@/lib/sheet/export';
import styles from './print.module.css';

/** The template table (模板表格内容) for printing: label and content per row; tables never split across pages. */
export function TemplateTable({ rows }: { rows: TemplateRow[] }) {
  return (
    <table className={styles.table}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} className={'tasks' in row ? styles.tasksRow : undefined}>
            <th scope="row">{row.label}</th>
            <td>
              {'tasks' in row ? (
                <div className={styles.tasksScroll}>
                  <table className={styles.tasks}>
                    <thead>
                      <tr>
                        {row.tasks.head.map((h) => (
                          <th key={h}>{h}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {row.tasks.rows.map((cells, i) => (
                        <tr key={i}>
                          {cells.map((c, j) => (
                            <td key={j}>{c}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                row.text.split('\n').map((line, i) => <p key={i}>{line}</p>)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
