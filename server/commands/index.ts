import type { Services } from '../services';
import { changeThread, editComment, postComment, removeComment, removeThread } from './comments';
import { exportSheet } from './export';
import { createShareLink, listShareLinks, openShareLink, revokeShareLink, shareCardFonts, unlockShareLink } from './share';
import { changeStage, lock, recordWarnEdit, unlock } from './control';
import { compareVersions, history, saveVersion, versionOf } from './history';
import { addDepartmentAs, addUserAs, changePassword, createAccessToken, endSessionsAs, revokeAccessToken, searchPeople, setDepartmentHeadAs, setupFirstAdmin, updateUserAs } from './people';
import { accessTo } from './access';
import { dashboard } from './dashboard';
import { retrospective } from './retrospective';
import { myTasks, postFeedback, setStaleDays, sheetTracking, trackedTasks } from './tasks';
import { markRead, myNotifications, nudge, preferencesOf, setPreferences, unreadCount } from './notifications';
import { addMembers, createSheet, publicCard, getSection, getSheet, issueSyncToken, listMembers, listSheets, patchSheet, removeMember, repairSheet, setMember, writeSection } from './sheets';

const bind =
  <A extends unknown[], R>(ctx: Services, fn: (ctx: Services, ...args: A) => R) =>
  (...args: A): R =>
    fn(ctx, ...args);

/**
 * The one write path of the API, bound to the running process. Route handlers and pages are
 * bundled by Next apart from the server, so they reach these through the context rather than
 * importing them: every document and store object is then handled by one copy of each module.
 */
export function bindCommands(ctx: Services) {
  const withStore = <A extends unknown[], R>(fn: (store: Services['store'], ...args: A) => R) => (...args: A) => fn(ctx.store, ...args);
  return {
    needsSetup: async () => (await ctx.store.people.countUsers()) === 0,
    setupFirstAdmin: withStore(setupFirstAdmin),
    addUser: withStore(addUserAs),
    addDepartment: withStore(addDepartmentAs),
    setDepartmentHead: withStore(setDepartmentHeadAs),
    createAccessToken: withStore(createAccessToken),
    listAccessTokens: (userId: string) => ctx.store.people.listAccessTokens(userId),
    hasPassword: async (userId: string) => (await ctx.store.people.passwordHashOf(userId)) !== null,
    revokeAccessToken: withStore(revokeAccessToken),
    updateUser: withStore(updateUserAs),
    searchPeople: withStore(searchPeople),
    endSessions: bind(ctx, endSessionsAs),
    changePassword: bind(ctx, changePassword),
    accessTo: bind(ctx, accessTo),
    createSheet: bind(ctx, createSheet),
    getSheet: bind(ctx, getSheet),
    patchSheet: bind(ctx, patchSheet),
    getSection: bind(ctx, getSection),
    writeSection: bind(ctx, writeSection),
    repairSheet: bind(ctx, repairSheet),
    listSheets: bind(ctx, listSheets),
    listMembers: bind(ctx, listMembers),
    setMember: bind(ctx, setMember),
    addMembers: bind(ctx, addMembers),
    removeMember: bind(ctx, removeMember),
    issueSyncToken: bind(ctx, issueSyncToken),
    lock: bind(ctx, lock),
    unlock: bind(ctx, unlock),
    changeStage: bind(ctx, changeStage),
    recordWarnEdit: bind(ctx, recordWarnEdit),
    postComment: bind(ctx, postComment),
    changeThread: bind(ctx, changeThread),
    removeThread: bind(ctx, removeThread),
    editComment: bind(ctx, editComment),
    removeComment: bind(ctx, removeComment),
    exportSheet: bind(ctx, exportSheet),
    publicCard: bind(ctx, publicCard),
    createShareLink: bind(ctx, createShareLink),
    listShareLinks: bind(ctx, listShareLinks),
    revokeShareLink: bind(ctx, revokeShareLink),
    openShareLink: bind(ctx, openShareLink),
    unlockShareLink: bind(ctx, unlockShareLink),
    shareCardFonts,
    history: bind(ctx, history),
    saveVersion: bind(ctx, saveVersion),
    versionOf: bind(ctx, versionOf),
    compareVersions: bind(ctx, compareVersions),
    postFeedback: bind(ctx, postFeedback),
    myTasks: bind(ctx, myTasks),
    trackedTasks: bind(ctx, trackedTasks),
    sheetTracking: bind(ctx, sheetTracking),
    setStaleDays: bind(ctx, setStaleDays),
    retrospective: bind(ctx, retrospective),
    dashboard: bind(ctx, dashboard),
    myNotifications: bind(ctx, myNotifications),
    unreadCount: bind(ctx, unreadCount),
    markRead: bind(ctx, markRead),
    preferencesOf: bind(ctx, preferencesOf),
    setPreferences: bind(ctx, setPreferences),
    nudge: bind(ctx, nudge),
  };
}
/** The bound commands. */
export type Commands = ReturnType<typeof bindCommands>;
