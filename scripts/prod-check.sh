#!/usr/bin/env bash
# The production path, step for step as the Dockerfile takes it, in a clean folder:
#   pnpm build → the built tree (scripts/built-tree.mjs) → pnpm install --prod --frozen-lockfile
#   → node --max-semi-space-size=64 --no-memory-reducer server/dist/main.js with NODE_ENV=production and its secrets → /readyz 200 → stop.
# Also checks that the production install has no TypeScript tooling and that the hub serves the
# widget bundle and the console from their packages. `.ci/run` calls it; `SKIP_BUILD=1` reuses
# the current build. Keeps the folder for a look when a step fails (`KEEP=1`: always).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/aviso-prod-check.XXXXXX")
hub=
finish() {
  status=$?
  if [ -n "$hub" ] && kill -0 "$hub" 2>/dev/null; then kill -KILL "$hub" 2>/dev/null || true; fi
  if [ "$status" -ne 0 ]; then
    [ -f "$work/hub.log" ] && { echo "--- hub output"; tail -n 50 "$work/hub.log"; }
    echo "prod-check: FAILED (the folder is kept: $work)"
  elif [ "${KEEP:-}" = 1 ]; then
    echo "prod-check: the folder is kept: $work"
  else
    rm -rf "$work"
  fi
}
trap finish EXIT

step() { echo; echo "prod-check: $*"; }

if [ "${SKIP_BUILD:-}" != 1 ]; then
  step "pnpm build"
  pnpm build
fi

step "the built tree in $work/app"
node scripts/built-tree.mjs "$work/app"

cd "$work/app"
step "pnpm install --prod --frozen-lockfile"
pnpm install --prod --frozen-lockfile
for tool in tsx typescript vite vitest; do
  if [ -e "node_modules/$tool" ] || [ -e "server/node_modules/$tool" ]; then
    echo "prod-check: the production install holds $tool"
    exit 1
  fi
done

port=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
url="http://127.0.0.1:$port"
step "node --max-semi-space-size=64 --no-memory-reducer server/dist/main.js (NODE_ENV=production) on $url"
NODE_ENV=production \
  PORT="$port" \
  HOST=127.0.0.1 \
  DATABASE_URL="$work/data" \
  REDIS_URL= \
  AVISO_ADMIN_TOKEN="adm_$(node -e "console.log(require('node:crypto').randomBytes(18).toString('base64url'))")" \
  AVISO_SECRET_KEYS="k1:$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")" \
  AVISO_PUBLIC_URL="$url" \
  LOG_LEVEL=warn \
  node --max-semi-space-size=64 --no-memory-reducer server/dist/main.js >"$work/hub.log" 2>&1 &
hub=$!

# Answers `status path`: the HTTP status of GET path, or 000 when nothing answers.
status() {
  node -e "fetch(process.argv[1]).then((r) => console.log(r.status), () => console.log('000'))" "$url$1"
}

ready=
for _ in $(seq 1 120); do
  if ! kill -0 "$hub" 2>/dev/null; then
    echo "prod-check: the hub exited"
    exit 1
  fi
  if [ "$(status /readyz)" = 200 ]; then
    ready=1
    break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "prod-check: /readyz did not answer 200 within 60 s"; exit 1; }
echo "prod-check: /readyz 200"

for path in /widget/aviso.js /admin/; do
  code=$(status "$path")
  [ "$code" = 200 ] || { echo "prod-check: GET $path answered $code"; exit 1; }
  echo "prod-check: $path 200"
done

step "stop (SIGTERM)"
kill -TERM "$hub"
code=0
wait "$hub" || code=$?
hub=
[ "$code" = 0 ] || { echo "prod-check: the hub exited with $code after SIGTERM"; exit 1; }
echo "prod-check: ok"
