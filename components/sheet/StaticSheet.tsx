import { t, type Locale } from '@/lib/i18n';
import { sheetReadOnlyNote } from './access';
import { LockNote } from './LockNote';
import { FeedbackLog } from './fields/FeedbackLog';
import { MetaFields } from './fields/MetaFields';
import { RecipientList } from './fields/RecipientList';
import { TaskTable } from './fields/TaskTable';
import { isRichTextSection } from '@/lib/sheet/layout';
import { PART_TITLE, type SheetPart, type SheetView } from './model';
import { SheetHead } from './SheetHead';
import { SheetSections } from './SheetSections';
import { StaticRichText } from './StaticRichText';

/** The rich text of a part as stored, the same whether shown alone or as an editor's fallback. */
export function StaticPart({ locale, sheet, part }: { locale: Locale; sheet: SheetView; part: SheetPart }) {
  if (!isRichTextSection(part)) return null;
  return (
    <StaticRichText
      doc={sheet.rich[part]}
      empty={t(locale, 'section.empty')}
      label={t(locale, PART_TITLE[part])}
      omittedNote={t(locale, 'section.omitted', { count: sheet.rich[part].omitted ?? 0 })}
      testId={`${part}-static`}
    />
  );
}

/**
 * The whole sheet as the server stored it, with no live document: the first paint (rendered on
 * the server), what stays visible while the sync server cannot be reached, and a kept version or
 * a share link (with `readOnlyNote` saying which, and `plain`: text, not fields, as nobody writes
 * there). The first paint keeps the fields so the live editor does not jump when it arrives.
 */
export function StaticSheet({ locale, sheet, now, readOnlyNote, plain = false }: { locale: Locale; sheet: SheetView; now: string; readOnlyNote?: string; plain?: boolean }) {
  const body = (part: SheetPart) => {
    switch (part) {
      case 'meta':
        return <MetaFields locale={locale} meta={sheet.meta} directory={[]} plain={plain} />;
      case 'recipients':
        return <RecipientList locale={locale} recipients={sheet.recipients} directory={[]} plain={plain} />;
      case 'tasks':
        return <TaskTable locale={locale} tasks={sheet.tasks} directory={[]} now={now} locks={sheet.locks} plain={plain} />;
      case 'feedback':
        return <FeedbackLog locale={locale} tasks={sheet.tasks} feedback={sheet.feedback} />;
      default:
        return <StaticPart locale={locale} sheet={sheet} part={part} />;
    }
  };
  return (
    <>
      <SheetHead locale={locale} meta={sheet.meta} stage={sheet.stage} />
      <SheetSections locale={locale} stage={sheet.stage} body={body} sheetNote={readOnlyNote ?? sheetReadOnlyNote(locale, sheet.role, sheet.stage)} note={(part) => sheet.locks[part] && <LockNote locale={locale} lock={sheet.locks[part]} />} />
    </>
  );
}
