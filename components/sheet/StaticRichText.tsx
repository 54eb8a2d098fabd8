import type { ReactNode } from 'react';
import type { RichNode } from '@/lib/sheet/layout';
import { isSafeHref } from '@/lib/sheet/richtext';

/** Names come from documents: they are looked up in Maps, so `constructor` is no tag. */
const BLOCKS = new Map<string, 'p' | 'blockquote' | 'ul' | 'ol' | 'li' | 'tr'>([
  ['paragraph', 'p'],
  ['blockquote', 'blockquote'],
  ['bulletList', 'ul'],
  ['orderedList', 'ol'],
  ['listItem', 'li'],
  ['tableRow', 'tr'],
]);
const MARKS = new Map<string, 'strong' | 'em' | 's' | 'u' | 'code'>([
  ['bold', 'strong'],
  ['italic', 'em'],
  ['strike', 's'],
  ['underline', 'u'],
  ['code', 'code'],
]);

function renderText(node: RichNode, key: number): ReactNode {
  return (node.marks ?? []).reduce<ReactNode>((inner, mark, i) => {
    if (mark.type === 'link') {
      const href = mark.attrs?.href;
      return isSafeHref(href) ? <a key={`${key}-${i}`} href={href} rel="noopener noreferrer nofollow" target="_blank">{inner}</a> : inner;
    }
    const Tag = MARKS.get(mark.type);
    return Tag ? <Tag key={`${key}-${i}`}>{inner}</Tag> : inner;
  }, typeof node.text === 'string' ? node.text : '');
}

/** A table span as given by the schema (a small positive integer), or nothing. */
function span(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) > 1 ? (value as number) : undefined;
}

function renderNode(node: RichNode, key: number): ReactNode {
  const children = (node.content ?? []).map(renderNode);
  switch (node.type) {
    case 'text':
      return renderText(node, key);
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2));
      const Tag = `h${level}` as 'h2';
      return <Tag key={key}>{children}</Tag>;
    }
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'table':
      return (
        // As in the editor: a wide table scrolls in its own box.
        <div key={key} className="tableWrapper">
          <table>
            <tbody>{children}</tbody>
          </table>
        </div>
      );
    case 'tableCell':
    case 'tableHeader': {
      const Tag = node.type === 'tableHeader' ? 'th' : 'td';
      return (
        <Tag key={key} colSpan={span(node.attrs?.colspan)} rowSpan={span(node.attrs?.rowspan)}>
          {children}
        </Tag>
      );
    }
    default: {
      const Tag = BLOCKS.get(node.type) ?? 'div';
      return <Tag key={key}>{children}</Tag>;
    }
  }
}

/**
 * A rich-text section as the server stored it, with its formatting: what the page shows before
 * the live editor has synced, so content is there without the socket. React escapes every text,
 * and only http(s) and mailto links are kept. `omittedNote` says that the reader left out content
 * the schema does not accept (`doc.omitted`).
 */
export function StaticRichText({ doc, empty, label, omittedNote, testId }: { doc: RichNode; empty: string; label: string; omittedNote: string; testId?: string }) {
  const blocks = doc.content ?? [];
  const hasText = JSON.stringify(blocks).includes('"text":');
  return (
    <div className="rich-text rich-text--static" aria-label={label} data-testid={testId}>
      {hasText ? blocks.map(renderNode) : <p className="muted">{empty}</p>}
      {doc.omitted ? (
        <p className="muted" role="note" data-testid={testId ? `${testId}-omitted` : undefined}>
          {omittedNote}
        </p>
      ) : null}
    </div>
  );
}
