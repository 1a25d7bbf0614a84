#!/usr/bin/env bash
# Bounded load test of the list endpoint on loopback (wrk, from Debian).
#
#   crates/server/loadtest.sh [EVENTS=100000]      (env: DURATION=15s CONNECTIONS=16 DB=path)
#
# Seeds a fresh SQLite database with synthetic reports through the real
# extractor and store (examples/seed_events.rs) until it holds EVENTS merged
# events (or reuses DB=path if it exists), starts `vigie serve` on
# 127.0.0.1, and runs wrk for a fixed duration against GET /api/events with
# the dashboard's typical queries. Prints p50/p99 latency and requests/s.
# Everything stays on this machine; every loop is bounded in time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EVENTS="${1:-${EVENTS:-100000}}"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-16}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

cd "$ROOT"
cargo build --release -q -p vigie-cli
cargo build --release -q -p vigie-server --example seed_events
WORK="$(mktemp -d)"
DB="${DB:-$WORK/load.db}"
if [ ! -e "$DB" ]; then
  echo "== seeding $DB until it holds $EVENTS events"
  /usr/bin/time -f "seed: %es, max RSS %M KB" "$TARGET/release/examples/seed_events" --db "$DB" --events "$EVENTS"
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$TARGET/release/vigie" serve --db "$DB" --bind "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/api/events?limit=1" | python3 -c 'import json,sys; print("events in the database:", json.load(sys.stdin)["total"])'

run() {
  local name="$1" path="$2"
  local out
  out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "http://127.0.0.1:$PORT$path")"
  local p50 p99 rps non2xx
  p50="$(awk '/^ +50%/{print $2}' <<<"$out")"
  p99="$(awk '/^ +99%/{print $2}' <<<"$out")"
  rps="$(awk '/^Requests\/sec/{print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/{print $NF}' <<<"$out")"
  printf '| %-34s | %8s | %8s | %9s | %s\n' "$name" "$p50" "$p99" "$rps" "${non2xx:-0 errors}"
}
echo "== wrk: 2 threads, $CONNECTIONS connections, $DURATION per query, loopback, $(nproc) cores shared by server and client"
printf '| %-34s | %8s | %8s | %9s |\n' "query" "p50" "p99" "req/s"
run "first page (limit=100)" "/api/events?limit=100"
run "page 50 (offset=5000)" "/api/events?limit=100&offset=5000"
run "type + date range" "/api/events?event_type=Battles&from=2022-01-01&to=2022-12-31&limit=100"
run "bbox (central Mali)" "/api/events?bbox=-6,13,-1,17&limit=100"
run "text search q=Gao" "/api/events?q=Gao&limit=100"
run "dashboard map page (limit=1000)" "/api/events?limit=1000"
run "stats (timeline/regions)" "/api/stats"
