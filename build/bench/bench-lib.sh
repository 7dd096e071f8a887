# Shared by the HTTP benchmarks in build/bench/. Source it after build/lib.sh.

# Starts the Release host for a benchmark: Staging with demo accounts (Production refuses them) and
# the host's stand-in gateway, rate limits lifted, logs at Warning. Sets bench_host_pid; stops it on exit.
# Usage: start_bench_host <database> <port> <log file>
start_bench_host() {
  local database="$1" port="$2" log="$3"
  build_project "$KAZGOV_ROOT/api/Kazgov.Api.csproj"
  ConnectionStrings__Kazgov="$(connection_string "$database")" ASPNETCORE_ENVIRONMENT=Staging \
    ReferenceData__LoadDemoData=true Notifications__FakeGatewayEnabled=true \
    Security__Jwt__SigningKey="bench-only-signing-key-0123456789abcdef" \
    Security__RateLimits__PerCaller__PermitLimit=100000000 Security__RateLimits__Token__PermitLimit=100000000 \
    Security__RateLimits__Anonymous__PermitLimit=100000000 \
    Logging__LogLevel__Default=Warning \
    dotnet "$KAZGOV_ROOT/api/bin/Release/net10.0/Kazgov.Api.dll" --urls "http://127.0.0.1:$port" --contentRoot "$KAZGOV_ROOT/api" >"$log" 2>&1 &
  bench_host_pid=$!
  trap 'kill $bench_host_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.5; done
  tail -n 30 "$log" >&2
  die "the benchmark host is not ready"
}

# Seconds of unmeasured load before a measured run (KAZGOV_BENCH_WARMUP, default 20): a host in
# service runs tier-1 code, and a fresh one spends its first ~20 s on this machine compiling it (a
# submission costs 5-8 ms of host CPU then, 1.4-2.6 ms warm; README). ./build/test's 2-second smoke
# runs set 2. Each script prints the warm-up it used.
bench_warmup() { echo "${KAZGOV_BENCH_WARMUP:-20}"; }

# A bearer token from the benchmark host: bench_token <port> <json body of /api/v1/auth/token>
bench_token() {
  local token
  token=$(curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/token" -H 'Content-Type: application/json' -d "$2" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || die "no token for $2"
  echo "$token"
}

# One driver-licence application submitted through the API at <office>, the template the benchmark
# copies in SQL. The host's first request compiles its paths, and on a busy machine wrk's one second
# can end before it answers: it tries again until the application is there (five times at most).
# Usage: submit_template <port> <database> <office> <run name>
submit_template() {
  local port="$1" database="$2" office="$3" run="$4" attempt token
  token=$(bench_token "$port" '{"grant_type":"client_credentials","client_id":"egov-portal","client_secret":"egov-portal-demo-secret"}')
  for attempt in 1 2 3 4 5; do
    KAZGOV_TOKEN="$token" KAZGOV_OFFICES="$office" KAZGOV_TODAY="$(TZ=Asia/Almaty date +%F)" KAZGOV_RUN="$run$attempt" \
      wrk -t 1 -c 1 -d "${attempt}s" --timeout 30s -s "$KAZGOV_ROOT/build/bench/lua/submit-driver-licence.lua" "http://127.0.0.1:$port" >/dev/null 2>&1
    [ "$(psql_admin -d "$database" -At -c "SELECT count(*) FROM platform.applications")" -gt 0 ] && return 0
  done
  die "no template application could be submitted (see the host's log)"
}

# pgbench's TPC-B-like transaction at scale 8 on its own database: bench_tpcb <clients> <seconds> → tps
bench_tpcb() {
  recreate_database kazgov_bench_tpcb >/dev/null
  as_postgres "$PG_BIN/pgbench" -i -q -s 8 -h 127.0.0.1 -p "$KAZGOV_DB_PORT" -U postgres kazgov_bench_tpcb >/dev/null 2>&1
  as_postgres "$PG_BIN/pgbench" -n -h 127.0.0.1 -p "$KAZGOV_DB_PORT" -U postgres -c "$1" -j 2 -T "$2" kazgov_bench_tpcb | awk '/^tps/ {print int($3)}'
}

# The host's CPU time so far (clock ticks): host_cpu_ticks <pid>
host_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# One line from a wrk --latency report and the host: sets rps, p50, p99, requests, cpu_ms (host CPU
# per request since <ticks before>) and rss. Fails on non-2xx answers.
# Usage: read_wrk <report> <host pid> <ticks before>
read_wrk() {
  local out="$1"
  if grep -q "Non-2xx" "$out"; then die "non-2xx answers: $(grep Non-2xx "$out") (report: $out)"; fi
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2 }' "$out"); p99=$(awk '$1 == "99%" { print $2 }' "$out")
  requests=$(awk '/requests in/ { print $1 }' "$out")
  cpu_ms=$(awk -v before="$3" -v hz="$(getconf CLK_TCK)" -v n="$requests" '{ printf "%.1f", ($14 + $15 - before) * 1000 / hz / n }' "/proc/$2/stat")
  rss=$(awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$2/status")
}

# KAZGOV_BENCH_TRACE=1: a CPU sample of the host during a measured run (dotnet-trace, installed into
# .data/tools), summarised by trace-top.mjs. The sampling itself costs some rate.
# Usage: trace_start <host pid> <name> <seconds>; run the load; trace_report <name>
trace_start() {
  [ -n "${KAZGOV_BENCH_TRACE:-}" ] || return 0
  local tools="$KAZGOV_DATA/tools"
  [ -x "$tools/dotnet-trace" ] || dotnet tool install --tool-path "$tools" dotnet-trace --version 10.0.750501 >&2
  rm -f "$KAZGOV_DATA/bench-$2.nettrace" "$KAZGOV_DATA/bench-$2.speedscope.json"
  "$tools/dotnet-trace" collect -p "$1" --profile dotnet-sampled-thread-time --duration "00:00:$(printf %02d "$3")" \
    --format speedscope -o "$KAZGOV_DATA/bench-$2.nettrace" >/dev/null 2>&1 &
  bench_tracer=$!
  sleep 1
}
trace_report() {
  [ -n "${KAZGOV_BENCH_TRACE:-}" ] || return 0
  wait "$bench_tracer" || true
  node "$KAZGOV_ROOT/build/bench/trace-top.mjs" "$KAZGOV_DATA/bench-$1.speedscope.json" 45
}
