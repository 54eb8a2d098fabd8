'use client';

import { useState, type FormEvent } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import type { FeedbackView, TaskView } from '../model';

/**
 * 进展反馈: dated entries per task, each by its author; `onPost` adds one (absent when read-only),
 * on any task or only on those in `postTo` (a responsible person's own, whatever their role).
 */
export function FeedbackLog(props: { locale: Locale; tasks: TaskView[]; feedback: FeedbackView[]; onPost?: (taskId: string, text: string) => void; postTo?: TaskView[] }) {
  const { locale, tasks, feedback, onPost } = props;
  const choices = props.postTo ?? tasks;
  const [taskId, setTaskId] = useState('');
  const [text, setText] = useState('');
  const chosen = choices.some((task) => task.id === taskId) ? taskId : (choices[0]?.id ?? '');
  const taskName = (task: TaskView | undefined) => task?.task || t(locale, 'feedback.untitled');
  const groups = tasks.map((task) => ({ task, entries: feedback.filter((f) => f.taskId === task.id) })).filter((g) => g.entries.length);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen || !text.trim()) return;
    onPost?.(chosen, text.trim());
    setText('');
  };

  return (
    <div className="feedback" data-testid="feedback">
      {groups.length === 0 && <p className="muted">{t(locale, 'feedback.none')}</p>}
      {groups.map(({ task, entries }) => (
        <section key={task.id} className="feedback__group">
          <h4 className="feedback__task">{taskName(task)}</h4>
          <ol className="feedback__list">
            {entries.map((f) => (
              <li key={f.id} className="feedback__entry">
                <time dateTime={f.at} className="feedback__at">
                  {formatDate(locale, f.at, true)}
                </time>
                <span className="feedback__author">{f.author}</span>
                <p className="feedback__text">{f.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ))}
      {onPost &&
        (choices.length === 0 ? (
          <p className="muted">{t(locale, 'feedback.needTask')}</p>
        ) : (
          <form className="feedback__form" onSubmit={submit}>
            <label className="field">
              <span className="field__label">{t(locale, 'feedback.task')}</span>
              <select value={chosen} onChange={(e) => setTaskId(e.target.value)}>
                {choices.map((task) => (
                  <option key={task.id} value={task.id}>
                    {taskName(task)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field feedback__textfield">
              <span className="field__label">{t(locale, 'feedback.text')}</span>
              <input type="text" value={text} placeholder={t(locale, 'feedback.placeholder')} onChange={(e) => setText(e.target.value)} />
            </label>
            <button type="submit" className="button" disabled={!text.trim()}>
              {t(locale, 'feedback.post')}
            </button>
          </form>
        ))}
    </div>
  );
}
