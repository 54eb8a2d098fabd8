import { t, type Locale } from '@/lib/i18n';
import { STAGES, type Stage } from '@/lib/sheet/fields';

/** The five stages (全流程) in order, with the sheet's current one marked. */
export function StageSteps({ locale, stage }: { locale: Locale; stage: Stage }) {
  const current = STAGES.indexOf(stage);
  return (
    <ol className="stages" aria-label={t(locale, 'field.stage')}>
      {STAGES.map((s, i) => (
        <li key={s} className={`stages__step${i < current ? ' is-done' : ''}${i === current ? ' is-current' : ''}`} aria-current={i === current ? 'step' : undefined}>
          <span className="stages__index" aria-hidden="true">
            {i + 1}
          </span>
          {t(locale, `stage.${s}`)}
        </li>
      ))}
    </ol>
  );
}
