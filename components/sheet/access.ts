import { t, type Locale } from '@/lib/i18n';
import { roleAtLeast, type Role } from '@/lib/policies';
import type { Stage } from '@/lib/sheet/fields';

/**
 * Why the whole sheet is read-only for this person (archived, or a role that writes no section),
 * or null. Mirrors the guard (DESIGN.md): the server decides; the editor avoids edits it would refuse.
 */
export function sheetReadOnlyNote(locale: Locale, role: Role, stage: Stage): string | null {
  if (stage === 'archived') return t(locale, 'section.readOnly.archived');
  if (!roleAtLeast(role, 'editor')) return t(locale, 'section.readOnly.role', { role: t(locale, `role.${role}`) });
  return null;
}
