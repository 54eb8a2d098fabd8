import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { anchorToRange, bindingOf } from './anchors';
import { matches } from './model';
import type { CommentStore } from './store';
import type { RichTextSection } from '@/lib/sheet/layout';

/** The decorations, or null when they must be worked out again from the anchors. */
type HighlightState = { set: DecorationSet | null };

const key = new PluginKey<HighlightState>('concordComments');

/** The class that marks every piece of a thread's highlighted text, to find it in the page. */
export const threadClass = (id: string) => `comment-of-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;

/** Every thread of the section that still has text, as an inline decoration; only those the filter shows are coloured. */
function build(state: EditorState, store: CommentStore, section: RichTextSection): DecorationSet {
  const { threads, filter, openId } = store.getState();
  const decorations: Decoration[] = [];
  const binding = bindingOf(state);
  for (const thread of threads) {
    if (thread.section !== section || !thread.anchor) continue;
    const range = anchorToRange(binding, thread.anchor);
    if (!range) continue;
    const shown = thread.id === openId || matches(filter, thread, store.viewer);
    const classes = ['comment-anchor', threadClass(thread.id), shown && `comment-hl comment-hl--${thread.kind}`, thread.id === openId && 'is-active'];
    decorations.push(Decoration.inline(range.from, range.to, { class: classes.filter(Boolean).join(' ') }, { threadId: thread.id, shown }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights of comment threads as ProseMirror decorations, never marks: commenting never writes
 * into a section. Anchors are resolved again whenever Yjs changed the document (y-prosemirror's
 * mapping is fresh then) or the threads changed; a local edit maps the highlights through the
 * transaction, since the mapping only catches up after the edit reached the Y.Doc.
 */
export function commentHighlights(store: CommentStore, section: RichTextSection) {
  // Built lazily in `decorations`, once every plugin state (the binding's included) is final.
  const built = new WeakMap<EditorState, DecorationSet>();
  const current = (state: EditorState): DecorationSet => {
    const own = key.getState(state)?.set;
    if (own) return own;
    let set = built.get(state);
    if (!set) built.set(state, (set = build(state, store, section)));
    return set;
  };
  return Extension.create({
    name: 'concordComments',
    addProseMirrorPlugins() {
      return [
        new Plugin<HighlightState>({
          key,
          state: {
            init: () => ({ set: null }),
            apply(tr, value, oldState) {
              const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; binding?: unknown } | undefined;
              if (tr.getMeta(key) || sync?.isChangeOrigin || sync?.binding) return { set: null };
              return tr.docChanged ? { set: current(oldState).map(tr.mapping, tr.doc) } : value;
            },
          },
          props: {
            decorations: current,
            handleClick(view, pos) {
              const hit = current(view.state)
                .find(pos, pos)
                .find((d) => (d.spec as { shown: boolean }).shown);
              if (hit) store.open((hit.spec as { threadId: string }).threadId);
              return false;
            },
          },
          view(view) {
            store.registerView(section, view);
            const unsubscribe = store.subscribe(() => {
              const { threads, filter, openId } = store.getState();
              // Only a change of what is highlighted redraws; the panel's other state does not.
              const stamp = JSON.stringify([threads.filter((t) => t.section === section).map((t) => [t.id, t.anchor, t.status, t.messages.length]), filter, openId]);
              if (stamp !== lastStamp && !view.isDestroyed) {
                lastStamp = stamp;
                view.dispatch(view.state.tr.setMeta(key, true));
              }
            });
            let lastStamp = '';
            // Before Collaboration has bound the editor nothing resolves: that is not "detached".
            const report = () => ySyncPluginKey.getState(view.state)?.binding && store.reportAttached(section, new Set(current(view.state).find().map((d) => (d.spec as { threadId: string }).threadId)));
            report();
            return {
              update: report,
              destroy() {
                unsubscribe();
                store.registerView(section, null);
              },
            };
          },
        }),
      ];
    },
  });
}
