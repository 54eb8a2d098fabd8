import { SheetEditor } from '@/components/sheet/SheetEditor';
import { LocaleSwitcher } from '@/components/i18n/LocaleSwitcher';
import { loadSheetPage } from '../load';

/** The sheet for the meeting room's projector: large type, presence, the section under discussion in focus. */
export default async function ProjectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { locale, view, self, now } = await loadSheetPage(id, `/sheets/${id}/projector`);
  return (
    <main className="page page--projector">
      <div className="page--projector__lang">
        <LocaleSwitcher locale={locale} />
      </div>
      <SheetEditor locale={locale} sheet={view} self={self} projector now={now} />
    </main>
  );
}
