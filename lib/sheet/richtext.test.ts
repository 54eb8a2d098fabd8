import { getSchema } from '@tiptap/core';
import type { ContentMatch, NodeType } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { markProblem, RICH_TEXT_MARKS, RICH_TEXT_NODES, richTextProblem, type RichPiece } from './richtext';
import { richTextExtensions } from './richtext-editor';

/** Every node type a node's content expression allows, walking its content automaton. */
function childTypes(type: NodeType): string[] {
  const names = new Set<string>();
  const seen = new Set<ContentMatch>();
  const pending = [type.contentMatch];
  for (let match = pending.pop(); match; match = pending.pop()) {
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      names.add(match.edge(i).type.name);
      pending.push(match.edge(i).next);
    }
  }
  return [...names].sort();
}

describe('the rich-text schema is the editor’s (V6)', () => {
  const schema = getSchema(richTextExtensions());

  it('has the editor’s node types, each with its attributes and the children its content allows', () => {
    const editor = Object.values(schema.nodes).filter((t) => t.name !== 'text');
    expect(editor.map((t) => t.name).sort()).toEqual([...RICH_TEXT_NODES.keys()].sort());
    for (const type of editor) {
      const rule = RICH_TEXT_NODES.get(type.name)!;
      expect([...rule.attrs.keys()].sort(), type.name).toEqual(Object.keys(type.spec.attrs ?? {}).sort());
      expect([...rule.content].sort(), type.name).toEqual(childTypes(type));
    }
  });

  it('has the editor’s marks with their attributes', () => {
    expect(Object.keys(schema.marks).sort()).toEqual([...RICH_TEXT_MARKS.keys()].sort());
    for (const [name, mark] of Object.entries(schema.marks)) {
      expect([...RICH_TEXT_MARKS.get(name)!.keys()].sort(), name).toEqual(Object.keys(mark.spec.attrs ?? {}).sort());
    }
  });

  it('accepts every attribute’s default value, as the editor writes it', () => {
    for (const type of Object.values(schema.nodes)) {
      for (const [key, spec] of Object.entries(type.spec.attrs ?? {})) {
        if (spec.default === null) continue; // the editor does not write null attributes
        const piece: RichPiece = { container: type.name, depth: 1, key, content: { kind: 'value', value: spec.default } };
        expect(richTextProblem(piece), `${type.name}.${key}`).toBeNull();
      }
    }
    for (const mark of Object.values(schema.marks)) {
      const defaults = Object.fromEntries(Object.entries(mark.spec.attrs ?? {}).map(([k, v]) => [k, v.default]));
      expect(markProblem(mark.name, mark.name === 'link' ? { ...defaults, href: 'https://example.com' } : defaults), mark.name).toBeNull();
    }
  });
});

describe('richTextProblem', () => {
  const element = (container: string, name: string, depth = 0): RichPiece => ({ container, depth, key: null, content: { kind: 'element', name } });
  const attribute = (container: string, key: string, value: unknown): RichPiece => ({ container, depth: 1, key, content: { kind: 'value', value } });

  it('refuses names that are no node type, prototype names included (17 §2)', () => {
    for (const name of ['script', 'iframe', 'img', 'constructor', '__proto__', 'hasOwnProperty', 'toString']) {
      expect(richTextProblem(element('doc', name))).toMatch(/unknown node type/);
    }
    expect(richTextProblem({ container: 'constructor', depth: 1, key: null, content: { kind: 'text' } })).toMatch(/unknown container/);
    for (const name of ['hasOwnProperty', 'constructor', 'script']) expect(markProblem(name, {})).toMatch(/unknown mark/);
  });

  it('refuses nodes where their parent’s content does not allow them', () => {
    expect(richTextProblem(element('paragraph', 'table'))).toMatch(/may not contain/);
    expect(richTextProblem(element('doc', 'listItem'))).toMatch(/may not contain/);
    expect(richTextProblem({ container: 'doc', depth: 0, key: null, content: { kind: 'characters' } })).toMatch(/holds characters/);
    expect(richTextProblem(element('tableRow', 'tableCell'))).toBeNull();
  });

  it('refuses attributes that are not the node’s or not of their kind', () => {
    expect(richTextProblem(attribute('paragraph', 'onclick', 'alert(1)'))).toMatch(/no attribute/);
    expect(richTextProblem(attribute('heading', 'level', 7))).toMatch(/invalid value/);
    expect(richTextProblem(attribute('heading', 'level', 3))).toBeNull();
    expect(richTextProblem(attribute('tableCell', 'colspan', 2))).toBeNull();
    expect(richTextProblem(attribute('tableCell', 'colspan', 1e9))).toMatch(/invalid value/);
    expect(richTextProblem(attribute('tableCell', 'rowspan', '2'))).toMatch(/invalid value/);
    expect(richTextProblem(attribute('codeBlock', 'language', 'x'.repeat(LIMITS.richTextAttrBytes + 1)))).toMatch(/invalid value/);
    expect(richTextProblem(attribute('doc', 'level', 1))).toMatch(/no attribute/);
  });

  it('keeps links to http(s) and mailto and marks to their own attributes', () => {
    expect(markProblem('link', { href: 'https://example.com/a' })).toBeNull();
    expect(markProblem('link', { href: 'mailto:a@example.com' })).toBeNull();
    expect(markProblem('link', { href: 'javascript:alert(1)' })).toMatch(/invalid "href"/);
    expect(markProblem('link', { href: 'data:text/html,x' })).toMatch(/invalid "href"/);
    expect(markProblem('bold', { onclick: 'x' })).toMatch(/invalid "onclick"/);
    expect(markProblem('bold', null)).toBeNull();
    expect(markProblem('bold', true)).toMatch(/invalid value/);
    expect(markProblem('link', JSON.parse('{"__proto__": {"href": "javascript:x"}}'))).toMatch(/invalid "__proto__"/);
    expect(markProblem('link', Object.create({ href: 'javascript:x' }))).toMatch(/invalid value/);
  });

  it('bounds nesting (V7)', () => {
    expect(richTextProblem(element('blockquote', 'blockquote', LIMITS.richTextDepth - 1))).toBeNull();
    expect(richTextProblem(element('blockquote', 'blockquote', LIMITS.richTextDepth))).toMatch(/nested deeper/);
  });
});
