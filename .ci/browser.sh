#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's Chromium driven by playwright-core
# against a real `vigie serve` on loopback with a fresh SQLite database.
#
#   .ci/browser.sh                # builds vigie (release) unless VIGIE_BIN is set
#   VIGIE_BIN=/path/to/vigie ARTEFACTS=/tmp/shots .ci/browser.sh
#
# Screenshots go to $ARTEFACTS (default tests/artifacts/browser, git-ignored).
# Also checks that the committed web/dist and basemap files are what the
# sources build (so `cargo build` embeds the current dashboard).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTEFACTS="${ARTEFACTS:-$ROOT/tests/artifacts/browser}"
SHARED="${VIGIE_SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
export ARTEFACTS VIGIE_SHARED="$SHARED"
mkdir -p "$ARTEFACTS"

# --- what the tests need: Chromium (Debian), node packages (npm ci) ---------
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser.sh: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
chromium --version

cd "$ROOT/web"
npm ci --no-audit --no-fund --loglevel=error

# --- the committed build is current ----------------------------------------
if [ -d "$SHARED/data" ]; then
  npm run --silent basemap
  npm run --silent labels
fi
npm run --silent build >/dev/null
if ! git -C "$ROOT" diff --quiet -- web/dist web/public; then
  echo "browser.sh: web/dist or web/public/basemap differ from what the sources build:" >&2
  git -C "$ROOT" diff --stat -- web/dist web/public >&2
  echo "run 'npm run basemap && npm run labels && npm run build' in web/ and commit the result" >&2
  exit 1
fi

# --- a vigie server on loopback with a fresh database ----------------------
if [ -z "${VIGIE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release -q -p vigie-cli)
  VIGIE_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/vigie"
fi
WORK="$(mktemp -d)"
DB="$WORK/vigie.db"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
VIGIE_TOKEN="$("$VIGIE_BIN" token create --name browser-tests --db "$DB" 2>/dev/null)"
export VIGIE_TOKEN VIGIE_URL="http://127.0.0.1:$PORT"

"$VIGIE_BIN" serve --db "$DB" --bind "127.0.0.1:$PORT" >"$ARTEFACTS/serve.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "$VIGIE_URL/api/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "browser.sh: vigie serve exited:" >&2; cat "$ARTEFACTS/serve.log" >&2; exit 1
  fi
  sleep 0.2
done
curl -fsS "$VIGIE_URL/api/health"; echo

# --- the tests --------------------------------------------------------------
node --test --test-concurrency=1 --test-reporter=spec tests/
echo "browser.sh: screenshots in $ARTEFACTS"
