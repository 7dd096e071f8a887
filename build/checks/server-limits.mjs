// Slow clients, oversized requests and a graceful stop, tried against a real host over raw sockets.
// Run by build/shutdown-check, which starts the host with short limits and passes: <port> <host pid>.
// Exits non-zero with the failed expectation.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const port = Number(process.argv[2]);
const hostPid = Number(process.argv[3]);
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };

/** A raw connection: write as the test decides, the whole answer once the server closes or the timeout ends. */
function connect() {
  const socket = net.connect(port, '127.0.0.1');
  let data = '';
  const started = Date.now();
  const closed = new Promise((resolve) => {
    socket.on('data', (chunk) => { data += chunk.toString('latin1'); });
    socket.on('close', () => resolve({ data, ms: Date.now() - started }));
    socket.on('error', () => {});
  });
  const ready = new Promise((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  return { socket, closed, ready, text: () => data };
}

async function request(raw, timeoutMs = 10000) {
  const c = connect();
  await c.ready;
  c.socket.write(raw);
  const answer = await Promise.race([c.closed, sleep(timeoutMs).then(() => ({ data: c.text(), ms: timeoutMs, open: true }))]);
  c.socket.destroy();
  return answer.data;
}

const form = 'grant_type=password&username=clerk.astana&password=kazgov-demo-2026';
const post = (path, body, type, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${extra}\r\n${body}`;

// 1. Headers that never finish: the connection is closed after the headers timeout (2 s here), not held.
{
  const c = connect();
  await c.ready;
  c.socket.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  const { ms } = await Promise.race([c.closed, sleep(10000).then(() => ({ ms: Infinity }))]);
  c.socket.destroy();
  check(ms >= 1500 && ms < 8000, `unfinished headers are cut off after the headers timeout (closed after ${ms} ms)`);
}

// 2. A body trickling below the minimum rate (100 B/s after a 2 s grace here) is answered 408 and closed,
//    while another client is served meanwhile.
{
  const body = 'x'.repeat(4000);
  const c = connect();
  await c.ready;
  c.socket.write(`POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`);
  const trickle = setInterval(() => { if (!c.socket.destroyed) c.socket.write('x'); }, 500);
  const others = await request('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  check(others.startsWith('HTTP/1.1 200'), 'another client is served while a slow one trickles');
  const { data, ms } = await Promise.race([c.closed, sleep(15000).then(() => ({ data: c.text(), ms: Infinity }))]);
  clearInterval(trickle);
  c.socket.destroy();
  check(ms < 12000 && (data === '' || data.startsWith('HTTP/1.1 408')), `a body below the minimum rate is cut off (after ${ms} ms: ${data.split('\r\n')[0] || 'closed'})`);
}

// 3. Limits answer problems, not crashes: a body over 1 MB is 413, JSON nested past the depth limit is 400.
{
  const big = await request(`POST /api/v1/driver-licences/applications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n{`);
  check(big.startsWith('HTTP/1.1 413') && /application\/problem\+json/i.test(big) && big.includes('"code"'), `a 2 MB body is a 413 problem (${big.split('\r\n')[0]})`);
  const deep = '['.repeat(200) + ']'.repeat(200);
  const token = /"access_token":"([^"]+)"/.exec(await request(post('/api/v1/auth/token', form, 'application/x-www-form-urlencoded')))?.[1];
  check(Boolean(token), 'a clerk signs in');
  const nested = await request(post('/api/v1/driver-licences/applications', `{"officeId":${deep}}`, 'application/json', `Authorization: Bearer ${token}\r\n`));
  check(/^HTTP\/1\.1 400/.test(nested) && /application\/problem\+json/i.test(nested), `JSON nested 200 deep is a 400 problem (${nested.split('\r\n')[0]})`);
  const header = await request(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40000)}\r\nConnection: close\r\n\r\n`);
  check(/^HTTP\/1\.1 431/.test(header), `a 40 KB header is refused with 431 (${header.split('\r\n')[0]})`);
}

// 4. SIGTERM: the host stops accepting, the request in flight (half its body sent) still completes.
{
  const c = connect();
  await c.ready;
  const half = Math.floor(form.length / 2);
  c.socket.write(`POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\nConnection: close\r\n\r\n${form.slice(0, half)}`);
  await sleep(300);
  process.kill(hostPid, 'SIGTERM');
  await sleep(1500);
  const refused = await new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(false); });
    s.once('error', (e) => resolve(e.code === 'ECONNREFUSED'));
  });
  check(refused, 'after SIGTERM new connections are refused');
  c.socket.write(form.slice(half));
  const { data } = await Promise.race([c.closed, sleep(15000).then(() => ({ data: c.text() }))]);
  check(data.startsWith('HTTP/1.1 200') && data.includes('access_token'), `the request in flight at SIGTERM completes (${data.split('\r\n')[0] || 'no answer'})`);
}

if (failures.length > 0) {
  console.error(`${failures.length} server-limit check(s) failed`);
  process.exit(1);
}
