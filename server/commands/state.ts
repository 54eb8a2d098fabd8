import * as Y from 'yjs';
import { AppError } from '../../lib/errors';
import type { Stage } from '../../lib/sheet/fields';
import type { Lock } from '../../lib/sheet/layout';

/** The locks map of a sheet's `control` section. */
export function locksOf(doc: Y.Doc): Y.Map<Lock> {
  return doc.getMap('control').get('locks') as Y.Map<Lock>;
}

/** The sheet's stage, as the server last wrote it. */
export function stageOf(doc: Y.Doc): Stage {
  return doc.getMap('control').get('stage') as Stage;
}

/** Throws unless the sheet can still change: an archived sheet is frozen for every role. */
export function refuseIfArchived(doc: Y.Doc): void {
  if (stageOf(doc) === 'archived') throw new AppError('conflict', 'the sheet is archived: nothing changes until an administrator reopens it');
}
