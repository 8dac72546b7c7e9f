/**
 * Prints the functions with the most self time in a V8 CPU profile (from `npm run bench -- … --cpu-prof DIR`),
 * so a hot spot can be named without opening DevTools. Given a directory (one per case process), it reads
 * the profile of the busiest thread there (the main thread; tsx's loader worker writes one too).
 *
 * Usage: node --import tsx bench/suite/profile-top.ts FILE.cpuprofile|DIR [N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [target, count = '25'] = process.argv.slice(2);
if (!target) throw new Error('usage: profile-top.ts FILE.cpuprofile|DIR [N]');

const load = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Profile;
/** Sampled time outside `(idle)`, in µs. */
function busyUs(p: Profile): number {
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  return p.samples.reduce((s, id, i) => s + (idle.has(id) ? 0 : (p.timeDeltas[i] ?? 0)), 0);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(target, f))
  : [target];
const [file, profile] = files.map((f) => [f, load(f)] as const).sort((a, b) => busyUs(b[1]) - busyUs(a[1]))[0]!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<string, number>();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id)!;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  const dt = profile.timeDeltas[i] ?? 0;
  selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
  totalUs += dt;
});
const top = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count));
console.log(`${(totalUs / 1000).toFixed(0)} ms sampled in ${file}`);
for (const [name, us] of top) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${name}`);
