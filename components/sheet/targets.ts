import { t, type Locale } from '@/lib/i18n';
import { PART_ORDER, PART_TITLE, type SheetPart, type TaskView } from './model';

/** What a lock or a history entry points at, in words: a section's title, or "task 2" for `tasks/<taskId>`. */
export function targetLabel(locale: Locale, target: string, tasks: TaskView[]): string {
  const [section, taskId] = target.split('/');
  if (taskId !== undefined) {
    const n = tasks.findIndex((task) => task.id === taskId) + 1;
    return n > 0 ? t(locale, 'history.section.task', { n }) : t(locale, 'history.section.taskGone');
  }
  if (section === 'stage') return t(locale, 'history.section.stage');
  return (PART_ORDER as readonly string[]).includes(section) ? t(locale, PART_TITLE[section as SheetPart]) : section;
}

/** Brings a section or a task row (`tasks/<taskId>`) into view and puts the caret in its first field. */
export function goToTarget(target: string): void {
  const [section, taskId] = target.split('/');
  const element = document.querySelector(taskId !== undefined ? `[data-row-id="${CSS.escape(taskId)}"]` : `[data-section="${CSS.escape(section)}"]`);
  if (!element) return;
  element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  element.querySelector<HTMLElement>('[contenteditable="true"], input:not([disabled]), select:not([disabled]), textarea:not([disabled])')?.focus({ preventScroll: true });
}
