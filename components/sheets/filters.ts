import { STAGES, URGENCIES, type Stage, type Urgency } from '@/lib/sheet/fields';

/** What the list is narrowed to; an empty value means "any". */
export interface SheetFilters {
  q: string;
  stage: Stage | '';
  urgency: Urgency | '';
  department: string;
}

/** The filters named by the page's query string (`?q=&stage=&urgency=&department=`), ignoring unknown values. */
export function filtersFromQuery(query: Record<string, string | string[] | undefined>): SheetFilters {
  const one = (name: string) => {
    const value = query[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const stage = one('stage');
  const urgency = one('urgency');
  return {
    q: one('q'),
    stage: (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : '',
    urgency: (URGENCIES as readonly string[]).includes(urgency) ? (urgency as Urgency) : '',
    department: one('department'),
  };
}
