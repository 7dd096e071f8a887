// A bounded HTTP load on loopback: N workers send GET requests one after another for S seconds.
// Prints the completed requests per second; fails if any answer is not 200.
const [url, workers = '4', seconds = '10'] = process.argv.slice(2);
const until = Date.now() + Number(seconds) * 1000;
let done = 0;
async function worker() {
  while (Date.now() < until) {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    done++;
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: Number(workers) }, worker));
console.log(Math.round(done / ((Date.now() - started) / 1000)));
