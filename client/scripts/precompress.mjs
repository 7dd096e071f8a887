// Writes a Brotli (.br) and a gzip (.gz) twin of every text asset in dist/, once at build time, so the
// host sends them as they are (api/Hosting/ClientHosting.cs) and compresses nothing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const text = /\.(js|css|html|svg|json|txt|map)$/;
let before = 0;
let after = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (text.test(name) && statSync(path).size >= 1024) {
      const content = readFileSync(path);
      const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      writeFileSync(path + '.br', br);
      writeFileSync(path + '.gz', gzipSync(content, { level: 9 }));
      before += content.length;
      after += br.length;
    }
  }
}
walk(dist);
console.error(`client: precompressed ${(before / 1024).toFixed(0)} KB of assets to ${(after / 1024).toFixed(0)} KB (Brotli)`);
