'use client';

import { useState } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';

/**
 * A date field that reads as the person's language writes dates (2026年12月31日, Dec 31, 2026),
 * whatever the browser's own language: the browser's date picker does the choosing, under a face
 * showing the chosen day. Controlled with `value`/`onChange`, or inside a form with `name`.
 */
export function DateInput(props: {
  locale: Locale;
  value?: string | null;
  onChange?: (value: string | null) => void;
  name?: string;
  disabled?: boolean;
  'aria-label'?: string;
  className?: string;
}) {
  const { locale, onChange, name, disabled, className } = props;
  const [own, setOwn] = useState('');
  const value = props.value === undefined ? own : (props.value ?? '');
  return (
    <span className={`date-input${disabled ? ' is-disabled' : ''}${className ? ` ${className}` : ''}`}>
      <input
        type="date"
        className="date-input__native"
        name={name}
        value={value}
        disabled={disabled}
        aria-label={props['aria-label']}
        onChange={(e) => {
          setOwn(e.target.value);
          onChange?.(e.target.value || null);
        }}
        onClick={(e) => {
          // A click anywhere on the field opens the picker, not only on its icon.
          try {
            e.currentTarget.showPicker();
          } catch {
            // Not allowed (disabled, or an older browser): the native field still takes typing.
          }
        }}
      />
      <span className="date-input__face" aria-hidden="true">
        {value ? formatDate(locale, value) : <span className="date-input__placeholder">{t(locale, 'date.choose')}</span>}
      </span>
    </span>
  );
}
