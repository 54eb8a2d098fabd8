// y-leveldb (the reference server's own persistence, a devDependency pinned to the version it uses) ships
// types its package.json "exports" do not expose; the little the cold-open bench uses:
declare module 'y-leveldb' {
  import type * as Y from 'yjs';
  export class LeveldbPersistence {
    constructor(location: string);
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    getYDoc(docName: string): Promise<Y.Doc>;
    destroy(): Promise<void>;
  }
}
