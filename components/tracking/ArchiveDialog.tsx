'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { t, type Locale } from '@/lib/i18n';
import { richTextToJson, richTextToPlain } from '@/lib/sheet/richtext-doc';
import type { Unmet } from '@/lib/sheet/stages';
import type { RetrospectiveFacts as Facts } from '@/lib/sheet/retrospective';
import { callApi } from '../http/api';
import { PART_TITLE } from '../sheet/model';
import { RichTextEditor } from '../sheet/RichTextEditor';
import type { PresenceUser } from '../sheet/sync/SheetConnection';
import { OpenWork, settlementOf, undecided, type Decisions } from './OpenWork';
import { RetrospectiveFacts } from './RetrospectiveFacts';
import styles from './tracking.module.css';

const PARTS = ['review.outcome', 'review.problems', 'review.lessons'] as const;
/** One part of the retrospective (归档总结). */
type RetrospectivePart = (typeof PARTS)[number];

/**
 * 归档总结 at archive: the three parts of the retrospective, written into the live sheet's review
 * sections, beside the facts the server computes (kept with the sheet on archiving); each task not
 * done and each unresolved dispute is decided (archived as it is, or dropped with a reason); then archive.
 */
export function ArchiveDialog(props: { locale: Locale; sheetId: string; doc: Y.Doc; provider: WebsocketProvider; self: PresenceUser; onClose: () => void }) {
  const { locale, sheetId, onClose } = props;
  const [facts, setFacts] = useState<Facts | null>(null);
  const [working, setWorking] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  // Parts of the retrospective the server found empty: each message goes as soon as its part has words.
  const [missing, setMissing] = useState<RetrospectivePart[]>([]);
  const [, setEdits] = useState(0);
  useEffect(() => {
    const edited = () => setEdits((n) => n + 1);
    props.doc.on('update', edited);
    return () => props.doc.off('update', edited);
  }, [props.doc]);
  // Read as the server reads it for the same rule (lib/sheet/stages.ts).
  const stillMissing = missing.filter((part) => !richTextToPlain(richTextToJson(props.doc.getXmlFragment(part))).trim());
  const [decisions, setDecisions] = useState<Decisions>({});
  // Asked again when the server finds open work the dialog did not show (a task reopened meanwhile).
  const [factsRevision, setFactsRevision] = useState(0);

  useEffect(() => {
    let current = true;
    void callApi<{ facts: Facts }>('GET', `/api/v1/sheets/${encodeURIComponent(sheetId)}/retrospective`).then((r) => current && r.ok && setFacts(r.data.facts));
    return () => {
      current = false;
    };
  }, [sheetId, factsRevision]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const archive = async () => {
    setWorking(true);
    setProblems([]);
    setMissing([]);
    const result = await callApi('POST', `/api/v1/sheets/${encodeURIComponent(sheetId)}/stage`, { stage: 'archived', ...(facts ? { settle: settlementOf(facts, decisions) } : {}) });
    setWorking(false);
    if (result.ok) return onClose();
    if ((result.details as { open?: unknown } | undefined)?.open) {
      setFactsRevision((n) => n + 1);
      return setProblems([t(locale, 'archive.openWorkLead')]);
    }
    const unmet = (result.details as { unmet?: Unmet[] } | undefined)?.unmet ?? [];
    const parts = unmet.filter((u) => u.rule === 'retrospectiveMissing').map((u) => u.part as RetrospectivePart);
    setMissing(parts);
    if (parts.length === unmet.length && parts.length) return;
    setProblems(unmet.length ? [result.message] : [result.status === 0 ? t(locale, 'form.networkError') : result.message]);
  };

  const left = facts ? undecided(facts, decisions) : 0;
  return (
    <div className={styles.backdrop} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={styles.dialog} role="dialog" aria-modal="true" aria-labelledby="archive-title" data-testid="archive-dialog">
        <header>
          <h2 id="archive-title" className={styles.dialogTitle}>
            {t(locale, 'archive.title')}
          </h2>
          <p className={styles.dialogLead}>{t(locale, 'archive.lead')}</p>
        </header>
        {facts ? <RetrospectiveFacts locale={locale} facts={facts} kept={false} /> : <p className="muted">{t(locale, 'archive.loading')}</p>}
        {facts && <OpenWork locale={locale} facts={facts} decisions={decisions} onChange={(key, decision) => setDecisions((prev) => ({ ...prev, [key]: decision }))} />}
        {PARTS.map((part) => (
          <section key={part} className={styles.part} data-part={part}>
            <h3 className={styles.partTitle}>{t(locale, PART_TITLE[part])}</h3>
            <div className={styles.partBody}>
              <RichTextEditor locale={locale} doc={props.doc} provider={props.provider} section={part} self={props.self} editable label={t(locale, PART_TITLE[part])} fallback={null} />
            </div>
          </section>
        ))}
        {problems.length + stillMissing.length > 0 && (
          <div className="notice notice--warning" role="alert" data-testid="archive-problems">
            {stillMissing.map((part) => (
              <p key={part}>{t(locale, 'unmet.retrospectiveMissing', { part: t(locale, PART_TITLE[part]) })}</p>
            ))}
            {problems.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </div>
        )}
        <div className={styles.dialogActions}>
          {left > 0 && (
            <span className="muted" role="status" data-testid="archive-undecided">
              {t(locale, 'archive.unsettled', { n: left })}
            </span>
          )}
          <button type="button" className="button button--quiet" onClick={onClose}>
            {t(locale, 'archive.cancel')}
          </button>
          <button type="button" className="button button--primary" disabled={working || !facts || left > 0} onClick={() => void archive()} data-testid="archive-confirm">
            {working ? t(locale, 'archive.archiving') : t(locale, 'archive.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
