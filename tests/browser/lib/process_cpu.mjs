// The CPU time a browser spends, read from Linux's /proc: utime + stime of the browser's process
// and every process descended from it (Chromium's renderer, GPU and utility processes; Firefox's
// content and GPU processes). What the page costs the machine, whichever process does the work
// (software WebGL runs in the GPU process, not the page's).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const TICKS_PER_SECOND = 100;  // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

// {pid: {ppid, ticks}} of every process now; fields of /proc/PID/stat after the command's ")":
// state ppid ... utime (14th field) stime (15th).
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;  // ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  return table;
}

// {pid: CPU seconds so far} of `rootPid` and its descendants.
export function processTreeCpu(rootPid) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree = new Map();
  const visit = (pid) => {
    if (!table.has(pid) || tree.has(pid)) return;
    tree.set(pid, table.get(pid).ticks / TICKS_PER_SECOND);
    (children.get(pid) ?? []).forEach(visit);
  };
  visit(rootPid);
  if (tree.size === 0) throw new Error(`no process ${rootPid} in /proc`);
  return tree;
}

// CPU time the tree of `rootPid` used over the next `ms` milliseconds, as a share of one core
// (1 = one core busy all the time). A process that started meanwhile counts with all its time;
// one that ended meanwhile is not counted (browsers keep their processes for the page's life).
export async function treeCpuShare(rootPid, ms) {
  const before = processTreeCpu(rootPid);
  const started = performance.now();
  await new Promise((done) => setTimeout(done, ms));
  const after = processTreeCpu(rootPid);
  const seconds = (performance.now() - started) / 1000;
  let used = 0;
  for (const [pid, cpu] of after) used += cpu - (before.get(pid) ?? 0);
  return { share: used / seconds, cpuSeconds: used, seconds, processes: after.size };
}

// "Intel(R) Xeon(R) Processor, 2 cores, load 1.23 0.98 0.75": for the figures' context.
export function machineLine() {
  return `${cpus()[0].model}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}
