import { otherMethods, route } from '@/server/http/route';

/** 我的任务: every task assigned to the caller or their department across their sheets, overdue first. */
export const GET = route({ body: null }, async ({ commands, user }) => commands.myTasks(user));

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
