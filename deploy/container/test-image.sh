#!/usr/bin/env bash
# Builds the root Dockerfile and tests the images for real with podman. Gateway: starts it read-only as in the
# Kubernetes manifests, waits for /ready, classifies a text, runs the HEALTHCHECK, checks the user and PID 1,
# stops it under load (every in-flight request answered, exit 0). CLI (target cli): scores a corpus in two
# shards as the Indexed Job does and checks the merged parts equal one unsharded run. Prints the sizes.
# Usage: deploy/container/test-image.sh      (root; Debian packages podman runc mmdebstrap)
# Env: BASE_IMAGE (default: a local base made by make-base.sh), IMAGE (default sentikit-gateway:<version>),
#      HOST_PORT (default 14000), EXTRA_CA_CERTS (a CA bundle the build needs behind a TLS-inspecting proxy;
#      default $NODE_EXTRA_CA_CERTS).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
version="$(node -p "require('$root/apps/gateway/package.json').version")"
image="${IMAGE:-sentikit-gateway:$version}"
cli_image="${CLI_IMAGE:-sentikit-cli:$(node -p "require('$root/apps/cli/package.json').version")}"
base="${BASE_IMAGE:-localhost/sentikit-node-base:20}"
port="${HOST_PORT:-14000}"
ca="${EXTRA_CA_CERTS:-${NODE_EXTRA_CA_CERTS:-}}"
name="sentikit-gateway-test-$$"
log() { echo "test-image: $*" >&2; }
fail() { log "FAIL: $*"; podman logs "$name" >&2 2>/dev/null || true; exit 1; }

if [ -z "${BASE_IMAGE:-}" ] && ! podman image exists "$base"; then "$here/make-base.sh" "$base"; fi

build_args=(--format docker --build-arg "BASE_IMAGE=$base")
if [ -n "$ca" ]; then build_args+=(--volume "$ca:/run/build-ca.crt:ro" --build-arg EXTRA_CA_CERTS=/run/build-ca.crt); fi
started=$(date +%s)
podman build --quiet "${build_args[@]}" -t "$image" "$root" >/dev/null
build_s=$(($(date +%s) - started))
log "built $image in ${build_s}s"

cleanup() { podman rm --force --time 0 "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# As Kubernetes runs it (deploy/kubernetes/deployment.yaml): read-only root filesystem, no capabilities.
podman run --detach --name "$name" --read-only --cap-drop ALL --security-opt no-new-privileges \
  --publish "127.0.0.1:$port:4000" "$image" 2> >(grep -v 'systemd connection' >&2) >/dev/null
url="http://127.0.0.1:$port"

started=$(date +%s%N)
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/ready" || true)" = 200 ] && break
  sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/ready")" = 200 ] || fail "/ready never turned 200"
ready_ms=$((($(date +%s%N) - started) / 1000000))

answer="$(curl -sf "$url/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ classify(text: \"A moving, beautifully acted film.\") { label score } }"}')" ||
  fail "classify request failed"
echo "$answer" | grep -q '"label":"POSITIVE"' || fail "unexpected classify answer: $answer"
podman healthcheck run "$name" >/dev/null || fail "HEALTHCHECK failed"
uid="$(podman exec "$name" id -u)"
[ "$uid" = 1000 ] || fail "runs as uid $uid, not 1000"
pid1="$(podman exec "$name" cat /proc/1/cmdline | tr '\0' ' ')"
case "$pid1" in node\ *) ;; *) fail "PID 1 is '$pid1', not node" ;; esac
graphiql="$(curl -s -o /dev/null -w '%{http_code}' -H 'accept: text/html' "$url/graphql")"
[ "$graphiql" != 200 ] || fail "GraphiQL is served; NODE_ENV=production should turn it off"
rss_kib="$(podman exec "$name" sh -c 'grep VmRSS /proc/1/status' | awk '{print $2}')"

# Stop while requests are in flight: each must still be answered, and the process must exit 0.
load_out="$(mktemp)"
marker="$(mktemp -u)"
# 24 requests of 32 texts: 768 texts, under QUEUE_SIZE, about a second of model work on one core.
node --input-type=module -e "
  import { writeFileSync } from 'node:fs';
  const url = '$url/graphql';
  const texts = Array.from({ length: 32 }, (_, i) => 'text number ' + i + ' was a fine film');
  const body = JSON.stringify({ query: 'query (\$t: [String!]!) { classifyBatch(texts: \$t) { label } }', variables: { t: texts } });
  const one = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    .then(async (r) => (r.ok && !(await r.json()).errors) || 'HTTP ' + r.status, (e) => String(e.cause ?? e));
  const pending = Array.from({ length: 24 }, one);
  setTimeout(() => writeFileSync('$marker', ''), 200);
  const results = await Promise.all(pending);
  const failures = results.filter((r) => r !== true);
  console.log(JSON.stringify({ sent: results.length, ok: results.length - failures.length, failures: failures.slice(0, 3) }));
" >"$load_out" &
load_pid=$!
for _ in $(seq 1 100); do [ -e "$marker" ] && break; sleep 0.05; done
rm -f "$marker"
stop_started=$(date +%s%N)
podman stop --time 30 "$name" 2> >(grep -v 'systemd connection' >&2) >/dev/null
stop_ms=$((($(date +%s%N) - stop_started) / 1000000))
wait "$load_pid"
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "$name")"
podman logs "$name" 2>&1 | grep -q '"shutdown complete"' || fail "no 'shutdown complete' in the logs"
[ "$exit_code" = 0 ] || fail "exit code $exit_code after SIGTERM"
load="$(cat "$load_out")"
rm -f "$load_out"
sent="$(echo "$load" | node -p 'JSON.parse(require("fs").readFileSync(0)).sent')"
ok="$(echo "$load" | node -p 'JSON.parse(require("fs").readFileSync(0)).ok')"
[ "$sent" = "$ok" ] || fail "$((sent - ok)) of $sent in-flight requests failed during the stop: $load"

# The batch image: two shards as deploy/kubernetes/batch/job.yaml runs them, then one unsharded run.
podman build --quiet "${build_args[@]}" --target cli -t "$cli_image" "$root" >/dev/null
data="$(mktemp -d)"
mkdir -p "$data/in" "$data/out"
chmod 755 "$data" "$data/in"
chmod 777 "$data/out"
node -e 'for (let i = 0; i < 50; i++) console.log(JSON.stringify({ text: `review ${i}: a ${i % 3 ? "wonderful" : "dreadful"} film` }))' |
  gzip >"$data/in/corpus.jsonl.gz"
score() { # output [shard]
  podman run --rm --read-only --cap-drop ALL --volume "$data:/data" "$cli_image" predict --model /app/model \
    --input /data/in/corpus.jsonl.gz --output "/data/out/$1" ${2:+--shard "$2"} >"$data/log" 2>&1 ||
    fail "predict ${2:-} in $cli_image failed: $(cat "$data/log")"
  tail -1 "$data/log" | sed 's/^/test-image: /' >&2
}
score part-0.jsonl 0/2
score part-1.jsonl 1/2
score whole.jsonl
merged_equal="$(node -e '
  const fs = require("fs");
  const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const dir = process.argv[1];
  const parts = [...read(dir + "/part-0.jsonl"), ...read(dir + "/part-1.jsonl")].sort((a, b) => a.index - b.index);
  const whole = read(dir + "/whole.jsonl");
  console.log(whole.length === 50 && JSON.stringify(parts) === JSON.stringify(whole));
' "$data/out")"
rm -rf "$data"
[ "$merged_equal" = true ] || fail "the two shards merged differ from the unsharded output"

size="$(podman image inspect --format '{{.Size}}' "$image")"
cli_size="$(podman image inspect --format '{{.Size}}' "$cli_image")"
base_size="$(podman image inspect --format '{{.Size}}' "$base")"
printf '{"image":"%s","base":"%s","buildSeconds":%s,"imageBytes":%s,"cliImageBytes":%s,"baseBytes":%s,"readyMs":%s,"rssKiB":%s,"inFlightAtStop":%s,"answeredAtStop":%s,"stopMs":%s,"exitCode":%s,"shardsMergedEqual":%s,"loadAverage":"%s"}\n' \
  "$image" "$base" "$build_s" "$size" "$cli_size" "$base_size" "$ready_ms" "$rss_kib" "$sent" "$ok" "$stop_ms" "$exit_code" "$merged_equal" "$(cut -d' ' -f1-3 /proc/loadavg)"
log "ok"
