import { AppError } from '../../lib/errors';
import { canViewDashboard, dashboardDepartment, type DashboardViewer } from '../../lib/policies';
import { isoWeekOf, todayIn } from '../../lib/sheet/deadlines';
import { STAGES, URGENCIES, type Stage, type Urgency } from '../../lib/sheet/fields';
import type { Services } from '../services';

/** Stages a sheet is open in (not archived). */
const OPEN_STAGES = STAGES.filter((s): s is Exclude<Stage, 'archived'> => s !== 'archived');

/**
 * The department head's dashboard: open sheets by stage and by urgency, and open, overdue and
 * due-this-week tasks per department, all or for one department, counted today in the
 * organisation's time zone. Administrators choose the department; a head sees their own.
 */
export async function dashboard(ctx: Services, viewer: DashboardViewer, input: { department?: string }, now = new Date()) {
  if (!canViewDashboard(viewer)) throw new AppError('forbidden', 'the dashboard is for administrators and department heads');
  const department = dashboardDepartment(viewer, input.department);
  const today = todayIn(ctx.config.timeZone, now);
  const [sheetCounts, departments, all] = await Promise.all([
    ctx.store.tasks.openSheetCounts({ department }),
    ctx.store.tasks.departmentCounts({ today, weekEnd: isoWeekOf(today).end, department }),
    viewer.isAdmin ? ctx.store.people.listDepartments() : [],
  ]);
  const byStage = Object.fromEntries(OPEN_STAGES.map((s) => [s, 0])) as Record<(typeof OPEN_STAGES)[number], number>;
  const byUrgency = Object.fromEntries(URGENCIES.map((u) => [u, 0])) as Record<Urgency, number>;
  const matrix = OPEN_STAGES.map((stage) => ({ stage, ...(Object.fromEntries(URGENCIES.map((u) => [u, 0])) as Record<Urgency, number>) }));
  for (const { stage, urgency, count } of sheetCounts) {
    if (stage === 'archived') continue;
    byStage[stage] += count;
    byUrgency[urgency] += count;
    matrix[OPEN_STAGES.indexOf(stage)][urgency] += count;
  }
  return {
    today,
    timeZone: ctx.config.timeZone,
    department: department ?? null,
    /** The departments the viewer may choose from: every one for an administrator, none for a head. */
    departments: all.map((d) => d.name),
    openSheets: Object.values(byStage).reduce((a, b) => a + b, 0),
    byStage,
    byUrgency,
    matrix,
    tasks: departments.map((d) => ({ ...d, department: d.department || null })),
  };
}
