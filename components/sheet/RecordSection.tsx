'use client';

import { useEffect, useState, type ComponentType } from 'react';
import { t } from '@/lib/i18n';
import type { RecordSectionProps } from './LiveRecordSection';
import { RecordShell } from './RecordShell';
import { StaticRichText } from './StaticRichText';

/**
 * 沟通记录 on the sheet page: the stored text at once (rendered on the server), the live editor
 * once its code has loaded in the browser and the sheet has synced.
 */
export function RecordSection(props: RecordSectionProps) {
  const [Live, setLive] = useState<ComponentType<RecordSectionProps> | null>(null);
  useEffect(() => {
    // Yjs, y-websocket and Tiptap are imported in the browser only: rendering them on the server
    // would load a second copy of Yjs into the sync server's process.
    let current = true;
    void import('./LiveRecordSection').then((m) => current && setLive(() => m.LiveRecordSection));
    return () => {
      current = false;
    };
  }, []);
  if (Live) return <Live {...props} />;
  const { locale, self, initialDoc } = props;
  return (
    <RecordShell locale={locale} status="connecting" people={[]} selfId={self.id}>
      <StaticRichText doc={initialDoc} empty={t(locale, 'record.empty')} label={t(locale, 'field.record')} />
    </RecordShell>
  );
}
