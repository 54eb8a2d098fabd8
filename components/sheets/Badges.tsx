import { t, type Locale } from '@/lib/i18n';
import type { Role } from '@/lib/policies';
import type { Confidentiality, Stage, Urgency } from '@/lib/sheet/fields';

/** 紧急程度 as a coloured pill: red for urgent, amber for normal, grey for low. */
export function UrgencyBadge({ locale, urgency }: { locale: Locale; urgency: Urgency }) {
  return <span className={`badge badge--urgency-${urgency}`}>{t(locale, `urgency.${urgency}`)}</span>;
}

/** The sheet's stage (全流程), with its position among the five. */
export function StageBadge({ locale, stage }: { locale: Locale; stage: Stage }) {
  return <span className={`badge badge--stage badge--stage-${stage}`}>{t(locale, `stage.${stage}`)}</span>;
}

/** 保密等级; the restricted levels stand out because they limit who may see and share the sheet. */
export function ConfidentialityBadge({ locale, level }: { locale: Locale; level: Confidentiality }) {
  return <span className={`badge badge--conf-${level}`}>{t(locale, `confidentiality.${level}`)}</span>;
}

/** A person's role on a sheet. */
export function RoleBadge({ locale, role }: { locale: Locale; role: Role }) {
  return <span className={`badge badge--role`}>{t(locale, `role.${role}`)}</span>;
}
