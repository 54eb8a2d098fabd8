'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { t, type Locale } from '@/lib/i18n';
import { maySetMetaField, type Role } from '@/lib/policies';
import { CommentsLayer, DiscussionButton, SectionCommentCount, TaskCommentButton } from '../../comments/CommentsLayer';
import { HistoryPanel } from '../../history/HistoryPanel';
import { ArchiveDialog } from '../../tracking/ArchiveDialog';
import { callApi } from '../../http/api';
import { sheetReadOnlyNote } from '../access';
import { FeedbackLog } from '../fields/FeedbackLog';
import { MetaFields } from '../fields/MetaFields';
import { RecipientList } from '../fields/RecipientList';
import { TaskTable } from '../fields/TaskTable';
import type { PresencePerson } from '../LiveStatus';
import { LockControl } from '../LockControl';
import { LockNote } from '../LockNote';
import { isRichTextSection } from '@/lib/sheet/layout';
import { newId, PART_TITLE, toFeedback, toMeta, toRecipients, toTasks, type DirectoryPerson, type MetaView, type SheetPart, type SheetView } from '../model';
import { RichTextEditor } from '../RichTextEditor';
import { SheetHead } from '../SheetHead';
import { SheetSections } from '../SheetSections';
import { StageBar } from '../StageBar';
import { StaticPart } from '../StaticSheet';
import { useControl, useShared } from '../sync/hooks';
import type { PresenceUser } from '../sync/SheetConnection';
import { listEdits } from '../sync/writes';
import { targetLabel } from '../targets';
import { WarnAsk } from '../WarnAsk';

/** The directory of people, loaded once per page for the person pickers. */
function useDirectory(): DirectoryPerson[] {
  const [people, setPeople] = useState<DirectoryPerson[]>([]);
  useEffect(() => {
    let current = true;
    void callApi<{ users: DirectoryPerson[] }>('GET', '/api/v1/users').then((r) => current && r.ok && setPeople(r.data.users));
    return () => {
      current = false;
    };
  }, []);
  return people;
}

/** Every section bound to the one live document of the sheet. */
export function LiveParts(props: {
  locale: Locale;
  sheet: SheetView;
  self: PresenceUser;
  role: Role;
  doc: Y.Doc;
  provider: WebsocketProvider;
  people: PresencePerson[];
  focus: SheetPart | null;
  /** Today in the organisation's time zone, from the server: what is overdue. */
  now: string;
}) {
  const { locale, sheet, self, role, doc, provider, now } = props;
  const { stage, locks } = useControl(doc, { stage: sheet.stage, locks: sheet.locks });
  const router = useRouter();
  useEffect(() => {
    // The stage moved live: what the page rendered around the sheet (the 执行跟踪 panel and its 催办, the kept facts) is stale.
    if (stage !== sheet.stage) router.refresh();
  }, [stage, sheet.stage, router]);
  const directory = useDirectory();
  const metaMap = doc.getMap('meta');
  const meta = useShared(metaMap, toMeta);
  const recipientList = doc.getArray<Y.Map<unknown>>('recipients');
  const recipients = useShared(recipientList, toRecipients);
  const taskList = doc.getArray<Y.Map<unknown>>('tasks');
  const tasks = useShared(taskList, toTasks);
  const feedbackList = doc.getArray<Y.Map<unknown>>('feedback');
  const feedback = useShared(feedbackList, toFeedback);
  const sheetNote = sheetReadOnlyNote(locale, role, stage);
  // Warn-only locks this person agreed to change, by target, with the lock's time: a new lock asks again.
  const [agreed, setAgreed] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<string | null>(null);
  const [archiving, setArchiving] = useState(false);
  const open = (target: string) => !locks[target] || (locks[target].mode === 'warn' && agreed[target] === locks[target].at);
  const editable = (part: SheetPart) => sheetNote === null && open(part);
  // Only a warn-only lock asks; a hard lock stays read-only (the guard would refuse anyway).
  const mayAsk = (target: string) => sheetNote === null && locks[target]?.mode === 'warn' && !open(target);
  const canLock = sheet.allowed.includes('lock') && stage !== 'archived';
  const label = (target: string) => targetLabel(locale, target, tasks);

  const answer = async (change: boolean) => {
    const target = asking;
    setAsking(null);
    if (!change || !target || !locks[target]) return;
    // The server keeps the agreed wording as a version and records the decision in the history.
    await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheet.id)}/warn-edits`, { section: target });
    setAgreed((prev) => ({ ...prev, [target]: locks[target].at }));
  };
  const note = (part: SheetPart) => {
    const lock = locks[part];
    if (!lock) return null;
    const action = mayAsk(part) ? (
      <button type="button" className="button button--small" onClick={() => setAsking(part)}>
        {t(locale, 'lock.askYes')}
      </button>
    ) : lock.mode === 'warn' && open(part) && sheetNote === null ? (
      <span className="lock-note__editing">{t(locale, 'lock.editing')}</span>
    ) : null;
    return <LockNote locale={locale} lock={lock} action={action} />;
  };
  // Who else is typing where a lock would land: the facilitator is told before locking.
  const typistsIn = (target: string) => props.people.filter((p) => p.id !== self.id && p.typing && p.section === target.split('/')[0]).map((p) => p.name);
  const lockSwitch = (target: string, names: { lock: string; unlock: string }) => (
    <LockControl key={target} locale={locale} sheetId={sheet.id} target={target} lock={locks[target]} label={names} typing={typistsIn(target)} />
  );
  const sectionActions = (part: SheetPart) => (
    <>
      {(isRichTextSection(part) || part === 'tasks') && <SectionCommentCount locale={locale} section={part} title={label(part)} />}
      {canLock && lockSwitch(part, { lock: t(locale, 'lock.lockSection', { section: label(part) }), unlock: t(locale, 'lock.unlockSection', { section: label(part) }) })}
    </>
  );
  const rowActions = (task: { id: string }, n: number): ReactNode => {
    const target = `tasks/${task.id}`;
    return (
      <>
        {mayAsk(target) && (
          <button type="button" className="button button--small button--quiet" onClick={() => setAsking(target)}>
            {t(locale, 'lock.askYes')}
          </button>
        )}
        {canLock && lockSwitch(target, { lock: t(locale, 'lock.lockRow', { n }), unlock: t(locale, 'lock.unlockRow', { n }) })}
        <TaskCommentButton locale={locale} taskId={task.id} n={n} />
      </>
    );
  };

  const body = (part: SheetPart) => {
    switch (part) {
      case 'meta':
        return <MetaFields locale={locale} meta={meta} directory={directory} plain={stage === 'archived'} maySet={(key) => maySetMetaField(key, { userId: self.id, role }, meta.initiator)} onChange={editable('meta') ? (patch) => writeMeta(metaMap, patch) : undefined} />;
      case 'recipients': {
        const edits = listEdits(recipientList);
        return <RecipientList locale={locale} recipients={recipients} directory={directory} plain={stage === 'archived'} edits={editable('recipients') ? { ...edits, add: () => edits.add({ id: newId(), department: '', contact: '' }) } : undefined} />;
      }
      case 'tasks': {
        const edits = listEdits(taskList);
        const sectionOpen = editable('tasks');
        // A locked row (`tasks/<id>`) leaves its status to the responsible person, as the guard will.
        const access = (task: { id: string; personId?: string }) => (sectionOpen && open(`tasks/${task.id}`) ? 'all' : stage !== 'archived' && task.personId === self.id ? 'status' : 'none');
        const add = () => edits.add({ id: newId(), task: '', department: '', person: '', deliverable: '', deadline: null, status: 'pending' });
        const canAny = sectionOpen || tasks.some((task) => access(task) !== 'none');
        return <TaskTable locale={locale} tasks={tasks} directory={directory} now={now} plain={stage === 'archived'} edits={canAny ? { ...edits, add, access } : undefined} locks={locks} rowActions={rowActions} />;
      }
      case 'feedback': {
        const post = (taskId: string, text: string) => listEdits(feedbackList, { ordered: false }).add({ id: newId(), taskId, at: new Date().toISOString(), author: self.name, authorId: self.id, text });
        // Below editor, the responsible person still reports on their own tasks (V11).
        const mine = tasks.filter((task) => task.personId === self.id);
        const mayReport = !editable('feedback') && stage !== 'archived' && open('feedback') && mine.length > 0;
        return <FeedbackLog locale={locale} tasks={tasks} feedback={feedback} onPost={editable('feedback') || mayReport ? post : undefined} postTo={mayReport ? mine : undefined} />;
      }
      default:
        if (!isRichTextSection(part)) return null;
        return (
          <RichTextEditor
            locale={locale}
            doc={doc}
            provider={provider}
            section={part}
            self={self}
            editable={editable(part)}
            label={t(locale, PART_TITLE[part])}
            fallback={<StaticPart locale={locale} sheet={sheet} part={part} />}
          />
        );
    }
  };

  // A click into a section under a warn-only lock asks first; its body stays read-only until then.
  const guarded = (part: SheetPart) =>
    mayAsk(part) ? (
      <div className="warn-gate" onPointerDownCapture={() => setAsking(part)}>
        {body(part)}
      </div>
    ) : (
      body(part)
    );

  const actions = (
    <div className="sheet-actions">
      <StageBar key={stage} locale={locale} sheetId={sheet.id} stage={stage} locks={locks} tasks={tasks} allowed={sheet.allowed} isAdmin={sheet.isAdmin} selfId={self.id} onArchive={() => setArchiving(true)} />
      <HistoryPanel locale={locale} sheetId={sheet.id} tasks={tasks} canSave={sheet.allowed.includes('edit')} revision={JSON.stringify([stage, locks])} />
      <DiscussionButton locale={locale} />
    </div>
  );
  // The departments a disputed point's positions are offered from: the initiating one and every receiving one.
  const parties = [...new Set([meta.initiator?.department ?? '', ...recipients.map((r) => r.department)].map((d) => d.trim()).filter(Boolean))];
  return (
    <CommentsLayer locale={locale} sheetId={sheet.id} doc={doc} self={self} role={role} stage={stage} directory={directory} tasks={tasks} parties={parties}>
      <SheetHead locale={locale} meta={meta} stage={stage} actions={actions} />
      <SheetSections locale={locale} stage={stage} body={guarded} sheetNote={sheetNote} note={note} actions={sectionActions} people={props.people} focus={props.focus} />
      {archiving && stage === 'executing' && <ArchiveDialog locale={locale} sheetId={sheet.id} doc={doc} provider={provider} self={self} onClose={() => setArchiving(false)} />}
      {asking && locks[asking] && <WarnAsk locale={locale} section={label(asking)} byName={locks[asking].byName} onAnswer={(change) => void answer(change)} />}
    </CommentsLayer>
  );
}

/** Writes changed fields of basic information, in one transaction; `null` stays a value (e.g. no tracker). */
function writeMeta(map: Y.Map<unknown>, patch: Partial<MetaView>): void {
  map.doc!.transact(() => {
    for (const [key, value] of Object.entries(patch)) map.set(key, value);
  });
}
