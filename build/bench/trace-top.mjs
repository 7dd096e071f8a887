// Summarises a dotnet-trace thread-time sample (speedscope format, evented profiles): where the
// host's threads run managed code. Time counts only while a stack ends in CPU_TIME (running managed
// code); UNMANAGED_CODE_TIME mixes native work with waits in the kernel and is reported as one total.
// Prints the frames by inclusive share (the frame or what it called) and exclusive share (the frame
// itself) of all managed CPU time. Usage: node build/bench/trace-top.mjs <file.speedscope.json> [rows] [filter]
import { readFileSync } from 'node:fs';

const [file, rows = '40', filter = ''] = process.argv.slice(2);
const trace = JSON.parse(readFileSync(file, 'utf8'));
const frames = trace.shared.frames.map((f) => f.name);
const inclusive = new Map();
const exclusive = new Map();
let cpu = 0;
let unmanaged = 0;
for (const profile of trace.profiles) {
  if (profile.type !== 'evented') continue;
  const stack = [];
  let last = profile.startValue;
  for (const event of profile.events) {
    const span = event.at - last;
    if (span > 0 && stack.length > 0) {
      const top = frames[stack[stack.length - 1]];
      if (top === 'CPU_TIME') {
        cpu += span;
        for (const index of new Set(stack)) inclusive.set(index, (inclusive.get(index) ?? 0) + span);
        const own = stack[stack.length - 2];
        if (own !== undefined) exclusive.set(own, (exclusive.get(own) ?? 0) + span);
      } else if (top === 'UNMANAGED_CODE_TIME') {
        unmanaged += span;
      }
    }
    last = event.at;
    if (event.type === 'O') stack.push(event.frame);
    else stack.pop();
  }
}
const top = (map) => [...map.entries()]
  .map(([index, w]) => [frames[index], w])
  .filter(([name]) => name.includes(filter) && name !== 'CPU_TIME' && !/^(Thread|Process64|Threads|\(Non-Activities\))/.test(name))
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(rows));
const pct = (w) => ((100 * w) / cpu).toFixed(1).padStart(5) + ' %';
console.log(`managed CPU time ${(cpu / 1000).toFixed(2)} s across threads; unmanaged (native work and kernel waits) ${(unmanaged / 1000).toFixed(2)} s`);
console.log('--- inclusive');
for (const [name, w] of top(inclusive)) console.log(pct(w), name.slice(0, 170));
console.log('--- exclusive');
for (const [name, w] of top(exclusive)) console.log(pct(w), name.slice(0, 170));
