import { t, type Locale } from '@/lib/i18n';

/** Move up, move down and remove for one row of an ordered list, each named for screen readers. */
export function RowMoveButtons(props: { locale: Locale; rowLabel: string; index: number; count: number; onMove: (to: number) => void; onRemove: () => void }) {
  const { locale, rowLabel, index, count } = props;
  return (
    <span className="row-actions">
      <button type="button" className="icon-button" aria-label={`${t(locale, 'editor.moveUp')} ${rowLabel}`} title={t(locale, 'editor.moveUp')} disabled={index === 0} onClick={() => props.onMove(index - 1)}>
        ↑
      </button>
      <button type="button" className="icon-button" aria-label={`${t(locale, 'editor.moveDown')} ${rowLabel}`} title={t(locale, 'editor.moveDown')} disabled={index === count - 1} onClick={() => props.onMove(index + 1)}>
        ↓
      </button>
      <button type="button" className="icon-button icon-button--danger" aria-label={`${t(locale, 'editor.remove')} ${rowLabel}`} title={t(locale, 'editor.remove')} onClick={props.onRemove}>
        ×
      </button>
    </span>
  );
}
