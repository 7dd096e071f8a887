// A fault-injecting SMS/e-mail gateway for build/checks/outbox-faults.mjs, in a worker thread of its
// own so that nothing the test does (psql, waiting) delays its answers or its clock.
// POST /<host>/<channel> with the dispatcher's JSON { to, text, reference } and Idempotency-Key
// (the outbox message's id). What it does with a call follows the plan of the message's reference:
//   ok     202, the message is taken;
//   500    500 with a text body;
//   429    429 with Retry-After: 1;
//   close  the connection is closed without an answer;
//   hang   no answer until the caller gives up and closes the connection;
//   slow   the message is taken, but the 202 comes after twice the caller's timeout (it never sees it).
// Every call is logged: message id, host, attempt, fault, the window from arrival to the answer or
// the closed connection, whether the message was taken.
// Control (messages from the parent, each acknowledged): listen, plan, poison, hang-all, calls, close.
import http from 'node:http';
import { parentPort } from 'node:worker_threads';

const plans = new Map();
const poisoned = new Set();
let hangAll = false;
let slowMs = 4000;
const calls = [];
const seen = new Map();
const sockets = new Set();

const server = http.createServer((req, res) => {
  const start = performance.now();
  const [, hostName, channel] = req.url.split('/');
  let text = '';
  req.on('data', (chunk) => { text += chunk; });
  req.on('end', () => {
    let message = {};
    try { message = JSON.parse(text); } catch { /* logged with no reference */ }
    const id = req.headers['idempotency-key'] ?? `reference:${message.reference}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    let fault = plans.get(message.reference)?.[n] ?? 'ok';
    if (poisoned.has(message.reference)) fault = '500';
    if (hangAll) fault = 'hang';
    const entry = { id, reference: message.reference, host: hostName, channel, attempt: n + 1, fault, start, end: null, accepted: false };
    calls.push(entry);
    const ended = () => { entry.end ??= performance.now(); };
    // Emitted when the answer is sent or the connection closes, whichever comes first.
    res.on('close', ended);
    switch (fault) {
      case 'ok': entry.accepted = true; res.writeHead(202).end(); break;
      case '500': res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error'); break;
      case '429': res.writeHead(429, { 'retry-after': '1' }).end(); break;
      case 'close': req.socket.destroy(); break;
      case 'hang': break;
      case 'slow':
        entry.accepted = true;
        setTimeout(() => { if (!res.destroyed) res.writeHead(202).end(); }, slowMs);
        break;
      default: res.writeHead(500).end();
    }
  });
});
server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });

parentPort.on('message', ({ seq, op, args }) => {
  const done = (value) => parentPort.postMessage({ seq, value });
  switch (op) {
    case 'listen': slowMs = args.slowMs; server.listen(args.port, '127.0.0.1', () => done(true)); break;
    case 'plan': plans.set(args.reference, args.plan); done(true); break;
    case 'poison': if (args.on) poisoned.add(args.reference); else poisoned.delete(args.reference); done(true); break;
    case 'hang-all': hangAll = args.on; done(true); break;
    case 'calls': done(calls); break;
    case 'close': for (const s of sockets) s.destroy(); server.close(() => done(true)); break;
    default: done(null);
  }
});
