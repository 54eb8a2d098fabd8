import { shareEn } from './share.en';
import { trackEn } from './track.en';
import { commentsEn } from './comments.en';
import { editorEn } from './editor.en';
import { peopleEn } from './people.en';
import { controlEn } from './control.en';
import { notifyEn } from './notify.en';
import { opsEn } from './ops.en';
import type { MessageKey } from './zh-CN';

/** The English catalog; the Chinese field names stay the reference wording (SHEET.md). */
export const en: Record<MessageKey, string> = {
  ...editorEn,
  ...commentsEn,
  ...controlEn,
  ...notifyEn,
  ...peopleEn,
  ...shareEn,
  ...trackEn,
  ...opsEn,
  'app.name': 'Concord',
  'app.tagline': 'Cross-department coordination sheets',

  'nav.sheets': 'My sheets',
  'nav.signOut': 'Sign out',
  'nav.menu': 'Menu',
  'nav.language': 'Language',

  'setup.title': 'Create the first administrator',
  'setup.lead': 'Concord has no accounts yet. Create the administrator account; the administrator then adds everyone else.',
  'setup.name': 'Name',
  'setup.email': 'Email',
  'setup.department': 'Department (optional)',
  'setup.password': 'Password',
  'setup.passwordHint': 'At least {min} characters',
  'setup.submit': 'Create and sign in',
  'setup.failed': 'Could not create the administrator: {message}',

  'signin.title': 'Sign in',
  'signin.lead': 'Sign in to Concord with your email and password.',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.sso': 'Sign in with {name}',
  'signin.or': 'or',
  'signin.error.credentials': 'The email or password is not correct. Please try again.',
  'signin.error.other': 'Sign-in failed. Please try again later.',
  'signin.error.tooMany': 'Too many wrong passwords: sign-in is paused to protect the account. Try again in {minutes} min.',

  'form.working': 'Working…',
  'form.networkError': 'Cannot reach the server. Check your connection and try again.',

  'sheets.title': 'My sheets',
  'sheets.empty': 'You are not part of any coordination item yet. Create a sheet on the right.',
  'sheets.col.title': 'Coordination item',
  'sheets.col.stage': 'Stage',
  'sheets.col.urgency': 'Urgency',
  'sheets.col.dueDate': 'Expected completion',
  'sheets.col.departments': 'Departments',
  'sheets.col.updatedAt': 'Last change',
  'sheets.col.role': 'My role',
  'sheets.create.title': 'New sheet',
  'sheets.create.submit': 'Create',
  'sheets.create.failed': 'Could not create the sheet: {message}',

  'field.title': 'Coordination item',
  'field.titlePlaceholder': 'e.g. Test resources for the launch',
  'field.initiator': 'Initiating department / person',
  'field.urgency': 'Urgency',
  'field.dueDate': 'Expected completion',
  'field.confidentiality': 'Confidentiality',
  'field.stage': 'Stage',
  'field.record': 'Communication record',
  'field.recordHint': "Each party's position, disputed points and proposed solutions",
  'date.choose': 'Choose a date',
  'field.none': 'Not set',

  'stage.draft': 'Draft',
  'stage.initiated': 'Initiated',
  'stage.discussion': 'In discussion',
  'stage.executing': 'Executing',
  'stage.archived': 'Archived',

  'urgency.urgent': 'Urgent',
  'urgency.normal': 'Normal',
  'urgency.low': 'Low',

  'confidentiality.public': 'Public',
  'confidentiality.internal': 'Internal',
  'confidentiality.secret': 'Secret',
  'confidentiality.topsecret': 'Top secret',

  'role.facilitator': 'Facilitator',
  'role.editor': 'Editor',
  'role.commenter': 'Commenter',
  'role.viewer': 'Viewer',

  'members.title': 'Members',
  'members.add': 'Add a member',
  'members.email': 'Member email',
  'members.role': 'Role',
  'members.submit': 'Add',
  'members.failed': 'Could not add the member: {message}',

  'sync.connected': 'Connected',
  'sync.connecting': 'Connecting…',
  'sync.offline': 'Offline, reconnecting',
  'sync.inaccessible': 'No access',
  'sync.signedOut': 'Session expired',
  'sync.halted': 'Sync stopped',

  'presence.label': 'Here now',
  'presence.you': '(you)',

  'record.readOnly.role': 'Your role is {role}: you can read the record but not edit it.',
  'record.readOnly.locked': 'The facilitator has locked the communication record.',
  'record.readOnly.archived': 'This sheet is archived and read-only.',
  'record.loading': 'Syncing the latest content…',
  'record.empty': 'No communication record yet.',

  'refusal.title': 'Your latest changes were not saved',
  'refusal.forbiddenSection': 'Your role may not change this section.',
  'refusal.controlWrite': 'Only the facilitator changes the stage and locks, with the buttons for it.',
  'refusal.locked': 'The facilitator locked this section just now; your change was not accepted.',
  'refusal.archived': 'This sheet is archived and accepts no more changes.',
  'refusal.malformed': 'The server could not read your change; the page has been synced again.',
  'refusal.tooLarge': 'The change was too large to be accepted.',
  'refusal.invalidValue': 'The content or a field holds something it cannot (for example a malformed date, or formatting the editor does not support), so the change was not accepted.',
  'refusal.accessChanged': 'Your access changed; reconnecting.',
  'refusal.shuttingDown': 'The server is restarting; reconnecting shortly.',
  'refusal.invalidPresence': 'Your presence information was not valid, so the connection was closed.',
  'refusal.tooFast': 'Too many changes were sent at once; reconnecting, and unsaved changes will be sent again.',
  'refusal.after': 'The page now shows the server’s latest content. Here is the text that was not saved (kept in this browser until you deal with it): copy it, or propose it as a comment where everyone sees it:',
  'refusal.nothing': 'There is no text to recover.',
  'refusal.halted': 'The server refused the same change {count} times in a row, so the page stopped reconnecting instead of reloading over and over. Ask the facilitator or an administrator (who can repair the sheet), or try again later.',
  'refusal.resume': 'Reconnect',
  'refusal.pending': 'Comparing with the server…',
  'refusal.copy': 'Copy text',
  'refusal.copied': 'Copied',
  'refusal.propose': 'Propose as a comment',
  'refusal.proposeOne': 'Propose in “{section}”: {start}…',
  'refusal.proposeFailed': 'Could not post it as a comment; copy the text instead.',
  'refusal.dismiss': 'Got it',

  'access.lost': 'You no longer have access to this sheet, or it no longer exists.',
  'access.signedOut': 'Your session has expired. Please sign in again.',
  'access.signInAgain': 'Sign in again',
  'access.back': 'Back to my sheets',

  'notFound.title': 'Sheet not found',
  'notFound.lead': 'It may have been deleted, or you are not one of its members.',
};
