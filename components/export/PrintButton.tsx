'use client';

/** Opens the browser's print dialog (which also saves as PDF) on the print view. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--primary" onClick={() => window.print()} data-testid="print">
      {label}
    </button>
  );
}
