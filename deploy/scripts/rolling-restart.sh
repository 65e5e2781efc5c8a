#!/usr/bin/env bash
# A rolling restart under load, measured: two built gateways behind HAProxy on loopback; while a closed-loop
# load runs through HAProxy, each gateway in turn gets SIGTERM (it drains: /ready 503, in-flight requests
# answered, exit 0), is started again and rejoins once /ready is 200; the next waits `pause` seconds more.
# Prints JSON: every request's outcome, each restart's exit code and times, and the gateways' resident memory
# under load. Usage: deploy/scripts/rolling-restart.sh [pause=5] [connections=16]
# (needs haproxy and `pnpm build`)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
pause="${1:-5}"
connections="${2:-16}"
front="${FRONT_PORT:-14100}"
port_a="${PORT_A:-14101}"
port_b="${PORT_B:-14102}"
entry="$root/apps/gateway/dist/index.js"
[ -f "$entry" ] || { echo "rolling-restart: no $entry; run pnpm build first" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "rolling-restart: haproxy not found (apt-get install haproxy)" >&2; exit 1; }

work="$(mktemp -d)"
declare -A pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start() { # name port
  NODE_ENV=production PORT="$2" LOG_LEVEL=warn node "$entry" >>"$work/$1.log" 2>&1 &
  pids[$1]=$!
}
wait_ready() { # port
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "rolling-restart: gateway on port $1 never became ready" >&2
  exit 1
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

start a "$port_a"
start b "$port_b"
wait_ready "$port_a"
wait_ready "$port_b"
sed -e "s/\${FRONT_PORT}/$front/; s/\${PORT_A}/$port_a/; s/\${PORT_B}/$port_b/" "$root/deploy/haproxy/haproxy.cfg" >"$work/haproxy.cfg"
haproxy -D -p "$work/haproxy.pid" -f "$work/haproxy.cfg"
sleep 1.5 # two health checks, so both servers are up

node "$root/deploy/scripts/load.mjs" "http://127.0.0.1:$front/graphql" 3600 "$connections" >"$work/load.json" &
load=$!
restarts=()
max_rss=0
for name in a b; do
  sleep "$pause"
  port="$([ "$name" = a ] && echo "$port_a" || echo "$port_b")"
  pid="${pids[$name]}"
  for p in "${pids[@]}"; do r="$(rss_kib "$p")"; [ "$r" -gt "$max_rss" ] && max_rss="$r"; done
  t0=$(date +%s%N)
  kill -TERM "$pid"
  set +e
  wait "$pid"
  code=$?
  set -e
  t1=$(date +%s%N)
  start "$name" "$port"
  wait_ready "$port"
  t2=$(date +%s%N)
  restarts+=("{\"gateway\":\"$name\",\"exitCode\":$code,\"drainMs\":$(((t1 - t0) / 1000000)),\"backReadyMs\":$(((t2 - t1) / 1000000))}")
done
sleep "$pause"
kill -TERM "$load"
wait "$load"
load_json="$(cat "$work/load.json")"
joined="$(IFS=,; echo "${restarts[*]}")"
echo "{\"load\":$load_json,\"restarts\":[$joined],\"maxRssKiB\":$max_rss,\"loadAverage\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
grep -h '"level":"error"' "$work"/a.log "$work"/b.log >&2 || true
failed="$(echo "$load_json" | node -p 'JSON.parse(require("fs").readFileSync(0)).failed')"
sent="$(echo "$load_json" | node -p 'JSON.parse(require("fs").readFileSync(0)).sent')"
if [ "$failed" != 0 ] || [ "$sent" = 0 ] || echo "$joined" | grep -q '"exitCode":[1-9]'; then
  echo "rolling-restart: FAIL: $failed of $sent requests failed, or a gateway did not exit 0" >&2
  exit 1
fi
echo "rolling-restart: ok, $sent requests, none failed, both gateways drained with exit 0" >&2
