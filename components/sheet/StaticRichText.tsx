import type { ReactNode } from 'react';
import type { RichNode } from '@/lib/sheet/layout';

const BLOCKS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  tableRow: 'tr',
  tableCell: 'td',
  tableHeader: 'th',
};
const MARKS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', underline: 'u', code: 'code' };

/** Only links a person can follow safely; anything else (e.g. `javascript:`) renders as plain text. */
function safeHref(href: unknown): string | null {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href : null;
}

function renderText(node: RichNode, key: number): ReactNode {
  return (node.marks ?? []).reduce<ReactNode>((inner, mark, i) => {
    if (mark.type === 'link') {
      const href = safeHref(mark.attrs?.href);
      return href ? <a key={`${key}-${i}`} href={href} rel="noopener noreferrer nofollow" target="_blank">{inner}</a> : inner;
    }
    const Tag = MARKS[mark.type] as 'strong' | undefined;
    return Tag ? <Tag key={`${key}-${i}`}>{inner}</Tag> : inner;
  }, node.text ?? '');
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
        <table key={key}>
          <tbody>{children}</tbody>
        </table>
      );
    default: {
      const Tag = (BLOCKS[node.type] ?? 'div') as 'div';
      return <Tag key={key}>{children}</Tag>;
    }
  }
}

/**
 * A rich-text section as the server stored it, with its formatting: what the page shows before
 * the live editor has synced, so content is there without the socket. React escapes every text,
 * and only http(s) and mailto links are kept.
 */
export function StaticRichText({ doc, empty, label, testId }: { doc: RichNode; empty: string; label: string; testId?: string }) {
  const blocks = doc.content ?? [];
  const hasText = JSON.stringify(blocks).includes('"text":');
  return (
    <div className="rich-text rich-text--static" aria-label={label} data-testid={testId}>
      {hasText ? blocks.map(renderNode) : <p className="muted">{empty}</p>}
    </div>
  );
}
