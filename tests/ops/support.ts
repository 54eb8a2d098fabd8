/** The value of one sample in a Prometheus text exposition, e.g. `concord_sync_refusals_total{reason="locked"}`; 0 when absent. */
export function sample(text: string, series: string): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    if (line.slice(0, at) === series) return Number(line.slice(at + 1));
  }
  return 0;
}

/** GET `url` and its status, headers and body (JSON when it is JSON). */
export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(url, { headers });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: type.startsWith('application/json') ? await res.json() : await res.text() };
}
