'use client';

import type { ReactNode } from 'react';
import { formatDate, t, type Locale } from '@/lib/i18n';
import { CONFIDENTIALITIES, URGENCIES, partyText } from '@/lib/sheet/fields';
import { ConfidentialityBadge, UrgencyBadge } from '../../sheets/Badges';
import type { DirectoryPerson, MetaView, Party } from '../model';
import { DraftInput } from './DraftInput';
import { PersonCombobox } from './PersonCombobox';
import { DateInput } from '@/components/shell/DateInput';

/**
 * 基本信息: title, initiator, tracker, consensus deadline, urgency and confidentiality. Read-only
 * without `onChange`; the confidentiality level, the initiator and the tracker only for those
 * `maySet` allows (`maySetMetaField`, as the server enforces). `plain` draws it as text, for views
 * nobody ever writes in (a share link, a kept version, an archived sheet).
 */
export function MetaFields({
  locale,
  meta,
  directory,
  onChange,
  maySet = () => false,
  plain = false,
}: {
  locale: Locale;
  meta: MetaView;
  directory: DirectoryPerson[];
  onChange?: (patch: Partial<MetaView>) => void;
  maySet?: (key: 'confidentiality' | 'initiator' | 'tracker') => boolean;
  plain?: boolean;
}) {
  if (plain) return <MetaText locale={locale} meta={meta} />;
  const disabled = !onChange;
  const decided = (key: 'initiator' | 'tracker') => (maySet(key) ? onChange && ((party: Party | null) => onChange({ [key]: party })) : undefined);
  return (
    <div className="meta-grid">
      <label className="field meta-grid__wide">
        <span className="field__label">{t(locale, 'field.title')}</span>
        <DraftInput className="input--title" value={meta.title} placeholder={t(locale, 'field.titlePlaceholder')} maxLength={200} onCommit={onChange && ((title) => onChange({ title }))} />
      </label>
      <PartyField locale={locale} label={t(locale, 'field.initiator')} party={meta.initiator} directory={directory} onChange={decided('initiator')} />
      <PartyField locale={locale} label={t(locale, 'editor.tracker')} party={meta.tracker} directory={directory} onChange={decided('tracker')} />
      <label className="field">
        <span className="field__label">{t(locale, 'field.dueDate')}</span>
        <DateInput locale={locale} value={meta.dueDate} disabled={disabled} onChange={(dueDate) => onChange?.({ dueDate })} />
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'field.urgency')}</span>
        <select className={`select--urgency-${meta.urgency}`} value={meta.urgency} disabled={disabled} onChange={(e) => onChange?.({ urgency: e.target.value as MetaView['urgency'] })}>
          {URGENCIES.map((u) => (
            <option key={u} value={u}>
              {t(locale, `urgency.${u}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t(locale, 'field.confidentiality')}</span>
        <select className={`select--conf-${meta.confidentiality}`} value={meta.confidentiality} disabled={disabled || !maySet('confidentiality')} onChange={(e) => onChange?.({ confidentiality: e.target.value as MetaView['confidentiality'] })}>
          {CONFIDENTIALITIES.map((c) => (
            <option key={c} value={c}>
              {t(locale, `confidentiality.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** 基本信息 as text: each field's label and value, urgency and confidentiality as their badges. */
function MetaText({ locale, meta }: { locale: Locale; meta: MetaView }) {
  const none = <span className="muted">{t(locale, 'field.none')}</span>;
  const party = (p: Party | null) => partyText(p) || none;
  const item = (label: string, value: ReactNode, wide = false) => (
    <div className={`field${wide ? ' meta-grid__wide' : ''}`}>
      <dt className="field__label">{label}</dt>
      <dd className="plain-value">{value}</dd>
    </div>
  );
  return (
    <dl className="meta-grid plain-fields" data-testid="meta-plain">
      {item(t(locale, 'field.title'), <strong className="plain-value--title">{meta.title || t(locale, 'field.none')}</strong>, true)}
      {item(t(locale, 'field.initiator'), party(meta.initiator))}
      {item(t(locale, 'editor.tracker'), party(meta.tracker))}
      {item(t(locale, 'field.dueDate'), meta.dueDate ? formatDate(locale, meta.dueDate) : none)}
      {item(t(locale, 'field.urgency'), <UrgencyBadge locale={locale} urgency={meta.urgency} />)}
      {item(t(locale, 'field.confidentiality'), <ConfidentialityBadge locale={locale} level={meta.confidentiality} />)}
    </dl>
  );
}

/** A department and a person, the person searched in the directory (which also fills the department). */
function PartyField({ locale, label, party, directory, onChange }: { locale: Locale; label: string; party: Party | null; directory: DirectoryPerson[]; onChange?: (party: Party | null) => void }) {
  const set = (patch: Partial<Party>) => {
    const next = { department: party?.department ?? '', person: party?.person ?? '', ...(party?.personId ? { personId: party.personId } : {}), ...patch };
    if ('person' in patch && !('personId' in patch)) delete next.personId;
    onChange?.(next.department || next.person ? next : null);
  };
  return (
    <fieldset className="field party">
      <legend className="field__label">{label}</legend>
      <div className="party__inputs">
        <DraftInput aria-label={`${label} · ${t(locale, 'editor.department')}`} placeholder={t(locale, 'editor.department')} value={party?.department ?? ''} onCommit={onChange && ((department) => set({ department }))} />
        <PersonCombobox
          locale={locale}
          label={`${label} · ${t(locale, 'editor.person')}`}
          value={party?.person ?? ''}
          directory={directory}
          onPick={onChange && ((p) => set({ person: p.name, personId: p.id, department: p.departmentName ?? party?.department ?? '' }))}
          onText={onChange && ((person) => set({ person }))}
        />
      </div>
    </fieldset>
  );
}
