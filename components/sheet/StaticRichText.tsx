/**
 * A rich-text section as the server stored it, one paragraph per block: what the page shows
 * before the live editor has synced, so content is there without the socket.
 */
export function StaticRichText({ text, empty, label }: { text: string; empty: string; label: string }) {
  const blocks = text.split('\n');
  return (
    <div className="rich-text rich-text--static" aria-label={label} data-testid="record-static">
      {text.trim() ? blocks.map((block, i) => <p key={i}>{block}</p>) : <p className="muted">{empty}</p>}
    </div>
  );
}
