import type { notifyZhCN } from './notify.zh-CN';

/** en messages of notifications: the bell, emails, notification settings and nudges. */
export const notifyEn: Record<keyof typeof notifyZhCN, string> = {
  'notify.bell': 'Notifications',
  'notify.bellUnread': 'Notifications, {count} unread',
  'notify.title': 'Notifications',
  'notify.markAllRead': 'Mark all as read',
  'notify.markRead': 'Mark as read',
  'notify.empty': 'No notifications yet. You are told here when you are added to a sheet, mentioned, given a task, or a deadline comes near.',
  'notify.more': 'Load earlier notifications',
  'notify.loadFailed': 'Notifications could not be loaded. Please try again later.',
  'notify.settingsLink': 'Notification settings',
  'notify.unread': 'Unread',
  'notify.someone': 'Someone',

  'notify.text.added': '{actor} added you to “{title}” as {role}',
  'notify.text.stage': '{actor} moved “{title}” to {stage}',
  'notify.text.planChange': '{actor} changed the plan: “{title}” is back in {stage}: {reason}',
  'notify.text.lock': '{actor} locked “{section}”, which you were editing (“{title}”)',
  'notify.text.mention': '{actor} mentioned you in “{title}”: {excerpt}',
  'notify.text.mentionDepartment': '{actor} mentioned {department} in “{title}”: {excerpt}',
  'notify.text.assigned': '{actor} assigned you “{task}” (“{title}”), due {deadline}',
  'notify.text.deadlineSoon': '“{task}” is due {deadline} (“{title}”): please post your progress',
  'notify.text.deadlineMissed': '“{task}” is past its deadline of {deadline} (“{title}”): please post your progress',
  'notify.text.nudge': '{actor} is following up on “{task}” (“{title}”), due {deadline}',
  'notify.text.nudgeMessage': '{actor} is following up on “{task}” (“{title}”): {message}',
  'notify.noDeadline': 'not set',
  'notify.taskRow': 'task “{task}”',

  'notify.email.subject': '[Concord] {text}',
  'notify.email.open': 'Open the sheet: {url}',
  'notify.email.footer': 'You receive this email because you take part in this coordination sheet. Change how you are notified in your settings: {url}',

  'notify.kind.added': 'Added to a sheet',
  'notify.kind.stage': 'Stage changes',
  'notify.kind.lock': 'A part I was editing is locked',
  'notify.kind.mention': 'Mentions (@) in comments',
  'notify.kind.assigned': 'Tasks assigned to me',
  'notify.kind.deadlineSoon': 'Deadline approaching',
  'notify.kind.deadlineMissed': 'Deadline missed',
  'notify.kind.nudge': 'Follow-ups (催办)',

  'notify.prefs.title': 'Notifications',
  'notify.prefs.lead': 'Choose how each kind of notification reaches you: in the app (the bell at the top right) and by email.',
  'notify.prefs.kind': 'Kind',
  'notify.prefs.inApp': 'In the app',
  'notify.prefs.email': 'Email',
  'notify.prefs.emailOff': 'The server has no email (SMTP) configured yet: only in-app notifications are sent.',
  'notify.prefs.locale': 'Email language',
  'notify.prefs.save': 'Save notification settings',
  'notify.prefs.saved': 'Notification settings saved.',

  'nudge.button': 'Follow up',
  'nudge.sent': '{name} has been reminded',

  // A burst of stage changes, collapsed into one notice (issue 13 §5)
  'notify.text.stages': '{actor} changed the stage of “{title}” {n} times; it is now {stage}',
  'notify.text.stagesPlanChange': '{actor} changed the stage of “{title}” {n} times; it is now {stage} (plan change: {reason})',
};
