import type { EditorView } from '@tiptap/pm/view';
import * as Y from 'yjs';
import { callApi, type ApiResult } from '../http/api';
import { newId } from '../sheet/model';
import { anchorToRange, bindingOf } from './anchors';
import { toThreads, type Anchor, type ThreadFilter, type ThreadSection, type ThreadView, type Viewer } from './model';

/** A thread about to be opened: where, and the text it was opened on. */
export interface DraftThread {
  section: ThreadSection;
  anchor: Anchor | null;
  taskId: string | null;
  quote: string;
  kind: 'comment' | 'dispute';
}

/** A new comment on a task row. */
export const taskDraft = (taskId: string): DraftThread => ({ section: 'tasks', anchor: null, taskId, quote: '', kind: 'comment' });

/** A new disputed point on no words in particular: about a whole section (沟通记录 until the person picks another). */
export const disputeDraft = (section: ThreadSection = 'record'): DraftThread => ({ section, anchor: null, taskId: null, quote: '', kind: 'dispute' });

/** What the comments UI shows; replaced (never mutated) on every change so React can compare it. */
export interface CommentsState {
  threads: ThreadView[];
  filter: ThreadFilter;
  /** The side panel: closed, the list of threads, or the open disputed points. */
  panel: 'closed' | 'threads' | 'disputes';
  /** The list shows only this section's threads (after a click on a section's count). */
  sectionFilter: ThreadSection | null;
  /** The list shows only this task row's threads, whatever the filter (after a click on a row's button). */
  taskFilter: string | null;
  /** The thread shown in full in the panel, and highlighted in the text. */
  openId: string | null;
  draft: DraftThread | null;
  /** The dispute whose agreement is being linked to a selection in 协商结果. */
  linkingId: string | null;
  /** An archived sheet: comments are read-only. */
  archived: boolean;
  /** Threads whose anchored text is still in their section's editor, by section. */
  attached: Partial<Record<ThreadSection, ReadonlySet<string>>>;
  /** The task rows there are, once known: a thread on a row deleted since is detached. */
  taskIds: ReadonlySet<string> | null;
}

/** A list of a thread, each entry a Y.Map. */
type ThreadList = 'messages' | 'positions' | 'solutions';

/**
 * The comments of one sheet for the page: threads read live from the `comments` section, the
 * panel's state, and every write. Commenters and up write through the Y.Doc in their own name
 * (the guard checks it); a viewer's socket writes nothing, so their threads and replies go through
 * the API, which writes them in their name.
 */
export class CommentStore {
  private state: CommentsState;
  private readonly listeners = new Set<() => void>();
  private readonly views = new Map<ThreadSection, EditorView>();
  private readonly map: Y.Map<Y.Map<unknown>>;

  constructor(
    doc: Y.Doc,
    private readonly sheetId: string,
    readonly viewer: Viewer,
    /** False for a viewer: they comment through the API. */
    readonly writesDoc: boolean,
  ) {
    this.map = doc.getMap<Y.Map<unknown>>('comments');
    this.state = { threads: toThreads(this.map.toJSON()), filter: 'open', panel: 'closed', sectionFilter: null, taskFilter: null, openId: null, draft: null, linkingId: null, archived: false, attached: {}, taskIds: null };
  }

  /** Subscribes to changes (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The current state. */
  getState = (): CommentsState => this.state;

  /** Follows the `comments` section until the returned function is called. */
  follow(): () => void {
    const read = () => this.set({ threads: toThreads(this.map.toJSON()) });
    read();
    this.map.observeDeep(read);
    return () => this.map.unobserveDeep(read);
  }

  /** Changes what the panel shows. */
  set(patch: Partial<CommentsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Opens a thread in the panel and shows its text. */
  open(id: string): void {
    this.set({ openId: id, panel: 'threads', draft: null });
  }

  /** Registers the editor of a section, so selections there can be commented and anchors shown. */
  registerView(section: ThreadSection, view: EditorView | null): void {
    if (view) this.views.set(section, view);
    else this.views.delete(section);
  }

  /** The section whose editor holds this DOM node, and its view. */
  viewOf(node: Node): { section: ThreadSection; view: EditorView } | null {
    for (const [section, view] of this.views) if (view.dom.contains(node)) return { section, view };
    return null;
  }

  /** Records which threads of a section are attached to text, when it changed. */
  reportAttached(section: ThreadSection, ids: ReadonlySet<string>): void {
    const before = this.state.attached[section];
    if (before && before.size === ids.size && [...ids].every((id) => before.has(id))) return;
    this.set({ attached: { ...this.state.attached, [section]: ids } });
  }

  /** True when the thread's text or task row was deleted (text: only known once its section's editor is showing); a thread on a whole section never is. */
  isDetached(thread: ThreadView): boolean {
    if (thread.section === 'tasks') return !!thread.taskId && !!this.state.taskIds && !this.state.taskIds.has(thread.taskId);
    const attached = this.state.attached[thread.section];
    return !!thread.anchor && attached !== undefined && !attached.has(thread.id);
  }

  /** The current text of an anchor in a section, or null when it is gone or not shown. */
  textAt(section: ThreadSection, anchor: Anchor): string | null {
    const view = this.views.get(section);
    const range = view && anchorToRange(bindingOf(view.state), anchor);
    return view && range ? view.state.doc.textBetween(range.from, range.to, ' ') : null;
  }

  /** Scrolls to an anchor's text (or a task row) and marks it for a moment. */
  reveal(section: ThreadSection, anchor: Anchor | null, taskId: string | null = null): void {
    let target: Element | null = null;
    const view = this.views.get(section);
    const range = view && anchor ? anchorToRange(bindingOf(view.state), anchor) : null;
    if (view && range) {
      const { node } = view.domAtPos(range.from + 1);
      target = node instanceof Element ? node : node.parentElement;
    } else if (taskId) {
      target = document.querySelector(`[data-row-id="${CSS.escape(taskId)}"]`);
    } else {
      target = document.querySelector(`[data-section="${CSS.escape(section)}"]`);
    }
    target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  private thread(id: string): Y.Map<unknown> | null {
    const thread = this.map.get(id);
    return thread instanceof Y.Map ? thread : null;
  }

  private entry(fields: Record<string, unknown>): Y.Map<unknown> {
    return new Y.Map<unknown>(Object.entries({ id: newId(), authorId: this.viewer.id, author: this.viewer.name, at: new Date().toISOString(), ...fields }));
  }

  /** Opens a thread; a dispute's first words are its question. Returns its id, or null if the server refused. */
  async create(draft: DraftThread, text: string, mentions: string[]): Promise<string | null> {
    if (!this.writesDoc) {
      const body = {
        section: draft.section,
        text,
        kind: draft.kind,
        quote: draft.quote,
        ...(draft.kind === 'dispute' ? { question: text } : {}),
        ...(mentions.length ? { mentions } : {}),
        ...(draft.anchor ? { anchor: draft.anchor } : {}),
        ...(draft.taskId ? { taskId: draft.taskId } : {}),
      };
      const made = await callApi<{ threadId: string }>('POST', this.commentsPath(), body);
      return made.ok ? made.data.threadId : null;
    }
    const id = newId();
    const dispute = draft.kind === 'dispute';
    const fields = {
      id,
      section: draft.section,
      anchor: draft.anchor,
      taskId: draft.taskId,
      quote: draft.quote,
      createdBy: this.viewer.id,
      createdByName: this.viewer.name,
      createdAt: new Date().toISOString(),
      kind: draft.kind,
      status: 'open',
      private: false,
      question: dispute ? text : '',
      resultAnchor: null,
      messages: Y.Array.from(dispute ? [] : [this.entry({ text, mentions })]),
      positions: new Y.Array<Y.Map<unknown>>(),
      solutions: new Y.Array<Y.Map<unknown>>(),
    };
    this.map.set(id, new Y.Map<unknown>(Object.entries(fields)));
    return id;
  }

  /** Replies to a thread. */
  async reply(threadId: string, text: string, mentions: string[]): Promise<ApiResult<unknown> | null> {
    if (!this.writesDoc) return callApi('POST', this.commentsPath(), { threadId, text, ...(mentions.length ? { mentions } : {}) });
    this.add(threadId, 'messages', { text, mentions });
    return null;
  }

  /** Adds a department's position (诉求) or a proposed solution (解决方案) to a disputed point. */
  add(threadId: string, list: ThreadList, fields: Record<string, unknown>): void {
    const entries = this.thread(threadId)?.get(list);
    if (entries instanceof Y.Array) entries.push([this.entry(fields)]);
  }

  /** Rewrites one of the person's own entries (a viewer's messages through the API). */
  async edit(threadId: string, list: ThreadList, entryId: string, text: string, mentions?: string[]): Promise<ApiResult<unknown> | null> {
    if (!this.writesDoc) return callApi('PATCH', this.messagePath(threadId, entryId), { text, ...(mentions?.length ? { mentions } : {}) });
    const entry = this.entries(threadId, list).find((e) => e.get('id') === entryId);
    if (!entry) return null;
    entry.doc!.transact(() => {
      entry.set('text', text);
      entry.set('editedAt', new Date().toISOString());
      if (mentions) entry.set('mentions', mentions);
    });
    return null;
  }

  /** Removes one of the person's own entries, or any for the facilitator (a viewer's messages through the API). */
  async remove(threadId: string, list: ThreadList, entryId: string): Promise<ApiResult<unknown> | null> {
    if (!this.writesDoc) return callApi('DELETE', this.messagePath(threadId, entryId));
    const entries = this.thread(threadId)?.get(list);
    if (!(entries instanceof Y.Array)) return null;
    const index = entries.toArray().findIndex((e) => e instanceof Y.Map && e.get('id') === entryId);
    if (index >= 0) entries.delete(index, 1);
    return null;
  }

  /** Changes a thread's status or privacy (a viewer's own thread through the API). */
  async setField(threadId: string, field: 'status' | 'private', value: string | boolean): Promise<ApiResult<unknown> | null> {
    if (!this.writesDoc) return callApi('PATCH', this.threadPath(threadId), { [field]: value });
    this.thread(threadId)?.set(field, value);
    return null;
  }

  /** Links an agreed dispute to where 协商结果 says it (a selection there, so never a viewer). */
  linkResult(threadId: string, anchor: Anchor | null): void {
    this.thread(threadId)?.set('resultAnchor', anchor);
  }

  /** Removes a whole thread: its author's while it holds only their words, or any for the facilitator (GUARD.md C2). */
  async removeThread(threadId: string): Promise<ApiResult<unknown> | null> {
    const removed = this.writesDoc ? null : await callApi('DELETE', this.threadPath(threadId));
    if (removed && !removed.ok) return removed;
    if (this.writesDoc) this.map.delete(threadId);
    if (this.state.openId === threadId) this.set({ openId: null, linkingId: null });
    return removed;
  }

  private entries(threadId: string, list: ThreadList): Y.Map<unknown>[] {
    const entries = this.thread(threadId)?.get(list);
    return entries instanceof Y.Array ? entries.toArray().filter((e): e is Y.Map<unknown> => e instanceof Y.Map) : [];
  }

  private commentsPath(): string {
    return `/api/v1/sheets/${encodeURIComponent(this.sheetId)}/comments`;
  }

  private threadPath(threadId: string): string {
    return `${this.commentsPath()}/${encodeURIComponent(threadId)}`;
  }

  private messagePath(threadId: string, messageId: string): string {
    return `${this.threadPath(threadId)}/messages/${encodeURIComponent(messageId)}`;
  }
}
