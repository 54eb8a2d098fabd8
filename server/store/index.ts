export { openSqliteStore } from './sqlite';
export type { Store, PeopleStore, SheetStore, UpdateLog, User, Department, SheetRecord, SheetSummary, Member, StoredDocument, HistoryStore, ActivityEvent, VersionInfo } from './types';
