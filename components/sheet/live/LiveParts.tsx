'use client';

import { useEffect, useMemo, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { t, type Locale } from '@/lib/i18n';
import type { Role } from '@/lib/policies';
import { callApi } from '../../http/api';
import { lockNote, sheetReadOnlyNote } from '../access';
import { FeedbackLog } from '../fields/FeedbackLog';
import { MetaFields } from '../fields/MetaFields';
import { RecipientList } from '../fields/RecipientList';
import { TaskTable } from '../fields/TaskTable';
import type { PresencePerson } from '../LiveStatus';
import { isRichPart, newId, PART_TITLE, toFeedback, toMeta, toRecipients, toTasks, today, type DirectoryPerson, type MetaView, type SheetPart, type SheetView } from '../model';
import { RichTextEditor } from '../RichTextEditor';
import { SheetHead } from '../SheetHead';
import { SheetSections } from '../SheetSections';
import { StaticPart } from '../StaticSheet';
import { useControl, useShared } from '../sync/hooks';
import type { PresenceUser } from '../sync/SheetConnection';
import { listEdits } from '../sync/writes';

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
export function LiveParts(props: { locale: Locale; sheet: SheetView; self: PresenceUser; role: Role; doc: Y.Doc; provider: WebsocketProvider; people: PresencePerson[]; focus: SheetPart | null }) {
  const { locale, sheet, self, role, doc, provider } = props;
  const { stage, locks } = useControl(doc, { stage: sheet.stage, locks: sheet.locks });
  const directory = useDirectory();
  const metaMap = doc.getMap('meta');
  const meta = useShared(metaMap, toMeta);
  const recipientList = doc.getArray<Y.Map<unknown>>('recipients');
  const recipients = useShared(recipientList, toRecipients);
  const taskList = doc.getArray<Y.Map<unknown>>('tasks');
  const tasks = useShared(taskList, toTasks);
  const feedbackList = doc.getArray<Y.Map<unknown>>('feedback');
  const feedback = useShared(feedbackList, toFeedback);
  const now = useMemo(today, []);
  const sheetNote = sheetReadOnlyNote(locale, role, stage);
  const note = (part: SheetPart) => lockNote(locale, locks[part]);
  const editable = (part: SheetPart) => sheetNote === null && !locks[part];

  const body = (part: SheetPart) => {
    switch (part) {
      case 'meta':
        return <MetaFields locale={locale} meta={meta} directory={directory} onChange={editable('meta') ? (patch) => writeMeta(metaMap, patch) : undefined} />;
      case 'recipients': {
        const edits = listEdits(recipientList);
        return <RecipientList locale={locale} recipients={recipients} directory={directory} edits={editable('recipients') ? { ...edits, add: () => edits.add({ id: newId(), department: '', contact: '' }) } : undefined} />;
      }
      case 'tasks': {
        const edits = listEdits(taskList);
        const sectionOpen = editable('tasks');
        // A locked row (`tasks/<id>`) leaves its status to the responsible person, as the guard will.
        const access = (task: { id: string; personId?: string }) => (sectionOpen && !locks[`tasks/${task.id}`] ? 'all' : stage !== 'archived' && task.personId === self.id ? 'status' : 'none');
        const add = () => edits.add({ id: newId(), task: '', department: '', person: '', deliverable: '', deadline: null, status: 'pending' });
        const canAny = sectionOpen || tasks.some((task) => access(task) !== 'none');
        return <TaskTable locale={locale} tasks={tasks} directory={directory} now={now} edits={canAny ? { ...edits, add, access } : undefined} />;
      }
      case 'feedback': {
        const post = (taskId: string, text: string) => listEdits(feedbackList).add({ id: newId(), taskId, at: new Date().toISOString(), author: self.name, authorId: self.id, text });
        return <FeedbackLog locale={locale} tasks={tasks} feedback={feedback} onPost={editable('feedback') ? post : undefined} />;
      }
      default:
        if (!isRichPart(part)) return null;
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

  return (
    <>
      <SheetHead locale={locale} meta={meta} stage={stage} />
      <SheetSections locale={locale} body={body} sheetNote={sheetNote} note={note} people={props.people} focus={props.focus} />
    </>
  );
}

/** Writes changed fields of basic information, in one transaction; `null` stays a value (e.g. no tracker). */
function writeMeta(map: Y.Map<unknown>, patch: Partial<MetaView>): void {
  map.doc!.transact(() => {
    for (const [key, value] of Object.entries(patch)) map.set(key, value);
  });
}
