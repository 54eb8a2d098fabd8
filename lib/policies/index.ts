export { ROLES, roleAtLeast } from './roles';
export type { Role } from './roles';
export { can, allowedActions, writableSections, authorize } from './sheet';
export type { Actor, SheetAccess, SheetAction } from './sheet';
export { canManagePeople } from './people';
export { canViewDashboard, dashboardDepartment } from './dashboard';
export type { DashboardViewer } from './dashboard';
export { canNudge } from './nudge';
export { maySetMetaField } from './meta';
