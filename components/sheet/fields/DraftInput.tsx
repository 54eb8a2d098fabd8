'use client';

import { useState, type InputHTMLAttributes } from 'react';

/**
 * A text input bound to a shared value: every keystroke is written through `onCommit` (live for
 * everyone), while the person's own draft is shown as long as they are in the field, so a
 * remote change never moves their caret mid-word. Without `onCommit` it is read-only.
 * `wrap` makes it a box that grows with its words (a task, a deliverable) instead of cutting them
 * off; it is still one line of text: Enter adds no line break.
 */
export function DraftInput({ value, onCommit, wrap = false, ...props }: { value: string; onCommit?: (value: string) => void; wrap?: boolean } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [draft, setDraft] = useState<string | null>(null);
  const bound = {
    value: draft ?? value,
    readOnly: !onCommit,
    onFocus: () => onCommit && setDraft(value),
    onBlur: () => setDraft(null),
    onChange: (e: { target: { value: string } }) => {
      // A line break pasted into a one-line value becomes a space.
      const next = wrap ? e.target.value.replace(/\r?\n/g, ' ') : e.target.value;
      setDraft(next);
      onCommit?.(next);
    },
  };
  if (!wrap) return <input {...props} {...bound} />;
  const { className, placeholder, maxLength, 'aria-label': ariaLabel, disabled } = props;
  return (
    <textarea
      className={`draft-input--wrap${className ? ` ${className}` : ''}`}
      rows={1}
      placeholder={placeholder}
      maxLength={maxLength}
      aria-label={ariaLabel}
      disabled={disabled}
      {...bound}
      onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
    />
  );
}
