'use client';

import { useState, type InputHTMLAttributes } from 'react';

/**
 * A text input bound to a shared value: every keystroke is written through `onCommit` (live for
 * everyone), while the person's own draft is shown as long as they are in the field, so a
 * remote change never moves their caret mid-word. Without `onCommit` it is read-only.
 */
export function DraftInput({ value, onCommit, ...props }: { value: string; onCommit?: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...props}
      value={draft ?? value}
      readOnly={!onCommit}
      onFocus={() => onCommit && setDraft(value)}
      onBlur={() => setDraft(null)}
      onChange={(e) => {
        setDraft(e.target.value);
        onCommit?.(e.target.value);
      }}
    />
  );
}
