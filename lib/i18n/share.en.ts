import type { shareZhCN } from './share.zh-CN';

/** en messages of read-only links and exports. */
export const shareEn: Record<keyof typeof shareZhCN, string> = {
  'share.readOnly': 'Read-only link · as of {time}',
  'share.gone.title': 'This link no longer works',
  'share.gone.revoked': 'The link was revoked, or the sheet is now secret, so it cannot be viewed.',
  'share.gone.expired': 'This link has expired. Ask the person who shared it for a new one.',
  'share.gone.unknown': 'This link does not exist. Check that the address is complete.',
  'share.password.title': 'This link needs a password',
  'share.password.label': 'Password',
  'share.password.submit': 'View',
  'share.password.wrong': 'Wrong password, please try again.',
  'share.disputes': 'Disputed points and outcomes',
  'share.disputes.none': 'No disputed points were recorded.',
  'share.dispute.positions': 'Positions',
  'share.dispute.solutions': 'Proposed solutions',
  'share.dispute.status.open': 'Open',
  'share.dispute.status.agreed': 'Agreed',
  'share.dispute.status.dropped': 'Dropped',
  'share.dispute.status.resolved': 'Resolved',
  'share.card.departments': 'Departments',
};
