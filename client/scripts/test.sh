#!/usr/bin/env bash
# The client's tests, in order: the API types match api/openapi/v1.json, Vitest (components and
# helpers), then the end-to-end run: Debian's Chromium (installed when missing), driven by
# playwright-core, against the real API host serving the built client, on a fresh database
# kazgov_e2e with demo data and a fixed clock. Screenshots and logs: client/test-results/.
# Settings: KAZGOV_E2E_PORT (8181), KAZGOV_E2E_DB (kazgov_e2e), KAZGOV_E2E_NOW (the fixed instant,
# 2026-03-10T07:30:00Z: a Tuesday, 12:30 in Almaty, inside the midday hand-over window),
# KAZGOV_E2E_MANAGEMENT_PORT (KAZGOV_E2E_PORT + 10000: the host's management port, whose /metrics
# is read after the walk: the applications it submitted must show in the domain counters).
set -euo pipefail
CLIENT="$(cd "$(dirname "$0")/.." && pwd)"
source "$CLIENT/../build/lib.sh"
cd "$CLIENT"

command -v npm >/dev/null || die "the client's tests need Node.js 20 or later (npm)"
results="$CLIENT/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0
started=$(date +%s)

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "client: npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

say "client: API types"
npm run --silent check:api || status=1

say "client: vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$results/vitest.json" 2>/dev/null || echo "vitest: 0 passed, 1 failed"

say "client: end-to-end"
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium fonts-dejavu-core
fi
require_dotnet
# KAZGOV_CLIENT_BUILT=1: ./build/test's release artifact built client/dist from these sources already.
if [ "${KAZGOV_CLIENT_BUILT:-}" != 1 ] || [ ! -f dist/index.html ]; then npm run --silent build >&2; fi
say "client: building the API ($KAZGOV_CONFIGURATION)"
build_project "$KAZGOV_ROOT/api/Kazgov.Api.csproj" "$KAZGOV_CONFIGURATION"
start_database
database="${KAZGOV_E2E_DB:-kazgov_e2e}"
recreate_database "$database"

port="${KAZGOV_E2E_PORT:-8181}"
url="http://127.0.0.1:$port"
now="${KAZGOV_E2E_NOW:-2026-03-10T07:30:00Z}"
management_port="${KAZGOV_E2E_MANAGEMENT_PORT:-$((port + 10000))}"
answers() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
if answers "$url/health/live"; then
  die "something already answers on $url: stop it or choose another port with KAZGOV_E2E_PORT"
fi
say "client: starting the API on $url (clock fixed at $now)"
ASPNETCORE_ENVIRONMENT=Development \
ConnectionStrings__Kazgov="$(connection_string "$database")" \
ReferenceData__LoadDemoData=true \
Testing__FixedClock="$now" \
Client__DistPath="$CLIENT/dist" \
Management__Port="$management_port" \
Notifications__SmsGatewayUrl="$url/dev/fake-gateway/sms" \
Notifications__EmailGatewayUrl="$url/dev/fake-gateway/email" \
  dotnet "$KAZGOV_ROOT/api/bin/$KAZGOV_CONFIGURATION/net10.0/Kazgov.Api.dll" --urls "$url" --contentRoot "$KAZGOV_ROOT/api" \
  >"$results/api.log" 2>&1 &
api_pid=$!
stop_api() {
  if kill -0 "$api_pid" 2>/dev/null; then kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; fi
}
trap stop_api EXIT

ready=
for _ in $(seq 1 120); do
  if ! kill -0 "$api_pid" 2>/dev/null; then break; fi
  if answers "$url/health/ready"; then ready=1; break; fi
  sleep 1
done
if [ -z "$ready" ]; then
  tail -n 40 "$results/api.log" >&2
  say "client: the API did not become ready on $url"
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi

KAZGOV_E2E_URL="$url" KAZGOV_E2E_NOW="$now" node e2e/run.mjs || status=1

# The catalogue visible in under 1.5 s on emulated 4G (issue 22): measured and reported on every
# run (build/bench/README.md has the figures: the cards drawn at build time are on screen in about
# 0.9 s). A timing on a shared machine is a benchmark figure, so it fails the run only with
# KAZGOV_4G_GATE=1; the e2e steps catalogue-drawn-* fail it when the page is not drawn before the
# app's code, or the app's first render moves it.
say "client: the catalogue on emulated 4G"
if ! KAZGOV_E2E_URL="$url" node scripts/measure-4g.mjs; then
  if [ "${KAZGOV_4G_GATE:-0}" = 1 ]; then status=1; else say "client: the 4G target is not met (reported; KAZGOV_4G_GATE=1 makes it fail the run)"; fi
fi

# The walk's applications in the domain metrics, read from the management port (never the public one).
say "client: domain metrics on the management port $management_port"
node - "$url" "http://127.0.0.1:$management_port" <<'JS' || status=1
const [publicUrl, managementUrl] = process.argv.slice(2);
const main = async () => {
  const hidden = await fetch(`${publicUrl}/metrics`);
  if (hidden.status !== 404) throw new Error(`/metrics on the public port answered ${hidden.status}, not 404`);
  const response = await fetch(`${managementUrl}/metrics`);
  if (!response.ok) throw new Error(`/metrics on the management port answered ${response.status}`);
  const text = await response.text();
  const sum = (name) => text.split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf('}') + 1).trim().split(' ')[0]), 0);
  const names = ['kazgov_applications_submitted_total', 'kazgov_applications_decided_total', 'kazgov_applications_issued_total',
    'kazgov_idempotency_replays_total', 'kazgov_outbox_backlog', 'kazgov_applications_overdue'];
  const figures = Object.fromEntries(names.map((name) => [name, sum(name)]));
  for (const line of text.split('\n').filter((l) => l.startsWith('kazgov_applications_submitted_total{'))) console.log(`  ${line}`);
  console.log(`metrics: ${names.map((name) => `${name}=${figures[name]}`).join(', ')}`);
  if (!(figures.kazgov_applications_submitted_total > 0)) throw new Error('kazgov_applications_submitted_total did not move during the walk');
};
main().catch((error) => { console.error(`metrics: ${error.message}`); process.exit(1); });
JS
stop_api
say "client: done in $(( $(date +%s) - started )) s (screenshots in client/test-results/)"
exit "$status"
