/** Who asks for the dashboard: whether they are an administrator, and the department they head (部门负责人), if any. */
export interface DashboardViewer {
  isAdmin: boolean;
  headOf?: string | null;
}

/**
 * The dashboard (open sheets by stage and urgency, open and overdue tasks per department) shows
 * counts, never titles: administrators see the whole organisation, a department head sees it for
 * their own department.
 */
export function canViewDashboard(viewer: DashboardViewer): boolean {
  return viewer.isAdmin || Boolean(viewer.headOf);
}

/**
 * The department whose counts the viewer sees: an administrator chooses (`requested`, or all when
 * undefined); a department head always sees their own department, whatever they ask for.
 */
export function dashboardDepartment(viewer: DashboardViewer, requested: string | undefined): string | undefined {
  return viewer.isAdmin ? requested : (viewer.headOf ?? undefined);
}
