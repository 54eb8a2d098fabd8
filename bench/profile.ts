/**
 * Summarises a V8 CPU profile (from `npm run bench -- --profile dir`): self time per function and
 * total (inclusive) time of the server's write-path functions. `npx tsx bench/profile.ts file.cpuprofile`
 */
import { readFileSync } from 'node:fs';
import { fixed, markdownTable } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Functions whose inclusive time is reported, matched by name. */
const WATCHED = ['receiveUpdate', 'inspectUpdate', 'applyUpdate', 'flush', 'append', 'compact', 'send', 'updateFrame', 'decodeMessage', 'handleUpgrade', 'writeSummary', 'encodeStateAsUpdate', 'receiveAwareness', 'garbage collector'];

function label(n: ProfileNode): string {
  const file = n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '');
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
}

/** Self and inclusive milliseconds per function. */
export function summarize(profile: CpuProfile): { totalMs: number; self: Map<string, number>; inclusive: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us / 1000);
    // Count each watched name once per stack, however deep the recursion.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName.replace(/^\(|\)$/g, '');
      if (WATCHED.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us / 1000);
      }
    }
  }
  return { totalMs: (profile.endTime - profile.startTime) / 1000, self, inclusive };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarize(JSON.parse(readFileSync(process.argv[2], 'utf8')) as CpuProfile);
  const idle = s.self.get('(idle) :0') ?? 0;
  console.log(`wall ${fixed(s.totalMs, 0)} ms, busy ${fixed(s.totalMs - idle, 0)} ms\n`);
  const top = Array.from(s.self).filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(markdownTable(['function (self)', 'ms'], top.map(([k, v]) => [k, fixed(v, 1)])));
  console.log();
  console.log(markdownTable(['function (inclusive)', 'ms'], Array.from(s.inclusive).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, fixed(v, 1)])));
}
