'use client';

import type { ReactNode } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import { TASK_STATUSES, type Lock } from '@/lib/sheet/layout';
import { isOverdue, type DirectoryPerson, type TaskView } from '../model';
import { LockIcon } from '../LockNote';
import { DraftInput } from './DraftInput';
import { PersonCombobox } from './PersonCombobox';
import { RowMoveButtons } from './RowMoveButtons';
import { DateInput } from '@/components/shell/DateInput';

/** Writes to the task rows; absent when the table is read-only. */
export interface TaskEdits {
  add: () => void;
  set: (id: string, patch: Partial<TaskView>) => void;
  move: (id: string, to: number) => void;
  remove: (id: string) => void;
  /** What this person may change in a row: a locked row leaves its status to its responsible person. */
  access: (task: TaskView) => 'all' | 'status' | 'none';
}

/**
 * 责任部门/人 + 完成时限: one named person and one deadline per task; overdue tasks stand out; a locked
 * row (`locks['tasks/<id>']`) is marked, and `rowActions` adds per-row controls (the facilitator's lock).
 */
export function TaskTable(props: { locale: Locale; tasks: TaskView[]; directory: DirectoryPerson[]; now: string; edits?: TaskEdits; locks?: Record<string, Lock>; rowActions?: (task: TaskView, n: number) => ReactNode; plain?: boolean }) {
  const { locale, tasks, directory, now, edits, locks = {}, rowActions } = props;
  if (props.plain) return <TaskText locale={locale} tasks={tasks} now={now} />;
  const actionColumn = !!edits || !!rowActions;
  return (
    <div className="tasks">
      <div className="table-scroll">
        <table className="tasks__table" data-testid="tasks">
          <TaskHead locale={locale} actionColumn={actionColumn} />
          <tbody>
            {tasks.map((task, i) => {
              const rowLabel = t(locale, 'task.rowLabel', { n: i + 1 });
              const access = edits?.access(task) ?? 'none';
              const set = access === 'all' ? (patch: Partial<TaskView>) => edits!.set(task.id, patch) : undefined;
              const overdue = isOverdue(task, now);
              const label = (key: Parameters<typeof t>[1]) => `${rowLabel} · ${t(locale, key)}`;
              const lock = locks[`tasks/${task.id}`];
              return (
                <tr key={task.id} data-row-id={task.id} data-locked={lock?.mode} className={[overdue && 'is-overdue', lock && 'is-locked'].filter(Boolean).join(' ') || undefined}>
                  <td className="tasks__n">
                    {i + 1}
                    {lock && (
                      <span className="tasks__lock" role="img" aria-label={t(locale, 'lock.rowLocked')} title={[t(locale, 'lock.by', { name: lock.byName, at: formatDate(locale, lock.at, true) }), lock.reason && t(locale, 'lock.reasonText', { reason: lock.reason })].filter(Boolean).join(' · ')}>
                        {lock.mode === 'hard' ? <LockIcon /> : '✓'}
                      </span>
                    )}
                  </td>
                  <td>
                    <DraftInput wrap aria-label={label('task.task')} value={task.task} onCommit={set && ((v) => set({ task: v }))} />
                  </td>
                  <td>
                    <DraftInput aria-label={label('task.department')} value={task.department} onCommit={set && ((v) => set({ department: v }))} />
                  </td>
                  <td>
                    <PersonCombobox
                      locale={locale}
                      label={label('task.person')}
                      value={task.person}
                      directory={directory}
                      onPick={set && ((p) => set({ person: p.name, personId: p.id, ...(p.departmentName && !task.department ? { department: p.departmentName } : {}) }))}
                      onText={set && ((person) => set({ person, personId: undefined }))}
                    />
                  </td>
                  <td>
                    <DraftInput wrap aria-label={label('task.deliverable')} value={task.deliverable} onCommit={set && ((v) => set({ deliverable: v }))} />
                  </td>
                  <td>
                    <DateInput locale={locale} aria-label={label('task.deadline')} value={task.deadline} disabled={!set} className={overdue ? 'is-overdue' : undefined} onChange={(deadline) => set?.({ deadline })} />
                    {overdue && <span className="badge badge--overdue">{t(locale, 'task.overdue')}</span>}
                  </td>
                  <td>
                    <select className={`select--status-${task.status}`} aria-label={label('task.status')} value={task.status} disabled={access === 'none'} onChange={(e) => edits?.set(task.id, { status: e.target.value as TaskView['status'] })}>
                      {TASK_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(locale, `task.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  {actionColumn && (
                    <td className="tasks__actions">
                      {edits && access === 'all' && <RowMoveButtons locale={locale} rowLabel={rowLabel} index={i} count={tasks.length} onMove={(to) => edits.move(task.id, to)} onRemove={() => edits.remove(task.id)} />}
                      {rowActions?.(task, i + 1)}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {tasks.length === 0 && <p className="muted">{t(locale, 'task.none')}</p>}
      {edits && (
        <button type="button" className="button button--small" onClick={edits.add}>
          + {t(locale, 'task.add')}
        </button>
      )}
    </div>
  );
}

/** The table's column headings. */
function TaskHead({ locale, actionColumn }: { locale: Locale; actionColumn: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col" className="tasks__n">#</th>
        <th scope="col">{t(locale, 'task.task')}</th>
        <th scope="col">{t(locale, 'task.department')}</th>
        <th scope="col">{t(locale, 'task.person')}</th>
        <th scope="col">{t(locale, 'task.deliverable')}</th>
        <th scope="col">{t(locale, 'task.deadline')}</th>
        <th scope="col">{t(locale, 'task.status')}</th>
        {actionColumn && <th scope="col"><span className="sr-only">{t(locale, 'task.actions')}</span></th>}
      </tr>
    </thead>
  );
}

/** The tasks as text, for a view nobody writes in (a share link, a kept version, an archived sheet): no fields, no controls. */
function TaskText({ locale, tasks, now }: { locale: Locale; tasks: TaskView[]; now: string }) {
  return (
    <div className="tasks">
      <div className="table-scroll">
        <table className="tasks__table tasks__table--plain" data-testid="tasks">
          <TaskHead locale={locale} actionColumn={false} />
          <tbody>
            {tasks.map((task, i) => {
              const overdue = isOverdue(task, now);
              return (
                <tr key={task.id} data-row-id={task.id} className={overdue ? 'is-overdue' : undefined}>
                  <td className="tasks__n">{i + 1}</td>
                  <td>{task.task}</td>
                  <td>{task.department}</td>
                  <td>{task.person}</td>
                  <td>{task.deliverable}</td>
                  <td>
                    {task.deadline && <span className={`tasks__date${overdue ? ' tasks__date--overdue' : ''}`}>{formatDate(locale, task.deadline)}</span>}
                    {overdue && <span className="badge badge--overdue">{t(locale, 'task.overdue')}</span>}
                  </td>
                  <td>
                    <span className={`value-chip select--status-${task.status}`}>{t(locale, `task.status.${task.status}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {tasks.length === 0 && <p className="muted">{t(locale, 'task.none')}</p>}
    </div>
  );
}
