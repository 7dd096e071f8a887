// A notification gateway that accepts everything and remembers it, for the cluster's checks:
// POST /sms and /email record the message (with the time and the sending connection's port);
// GET /messages lists them; DELETE /messages forgets them. Usage: node gateway-recorder.mjs <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 8209);
let received = [];
createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/messages') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(received));
    return;
  }
  if (request.method === 'DELETE' && request.url === '/messages') {
    received = [];
    response.writeHead(204).end();
    return;
  }
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    try {
      received.push({ channel: request.url.slice(1), at: Date.now(), ...JSON.parse(body) });
      response.writeHead(202).end();
    } catch {
      response.writeHead(400).end();
    }
  });
}).listen(port, '127.0.0.1');
