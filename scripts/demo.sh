#!/usr/bin/env bash
# README's demo command: sets up (apt + npm, idempotent), builds dist/, then
# runs the live-agent relay (with its agent console) and the demo shop, and
# prints their URLs. Ctrl-C stops both.
#   DEMO_PORT (8080), RELAY_PORT (8787), AGENT_TOKEN (demo-agent-token: the admin's bootstrap token),
#   DEMO_AGENT / DEMO_PASSWORD (ana / demo-agent-password: an agent account made for the demo),
#   ATTUNE_DEMO_NO_RELAY=1 to serve the shop alone (the widget then has no channel).
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO_PORT=${DEMO_PORT:-8080}
RELAY_PORT=${RELAY_PORT:-8787}
AGENT_TOKEN=${AGENT_TOKEN:-demo-agent-token}
DEMO_AGENT=${DEMO_AGENT:-ana}
DEMO_PASSWORD=${DEMO_PASSWORD:-demo-agent-password}
HOST=127.0.0.1

scripts/setup.sh
scripts/build.sh Release

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

query=""
if [ -z "${ATTUNE_DEMO_NO_RELAY:-}" ] && [ -f relay/server.mjs ]; then
  mkdir -p build
  relay_log=build/demo-relay.log
  # One agent account to sign in with (re-runs reset its password to the demo's).
  accounts=(node relay/cli.mjs --db build/demo-relay.db accounts)
  if "${accounts[@]}" list --json | grep -q "\"name\":\"$DEMO_AGENT\""; then
    echo "$DEMO_PASSWORD" | "${accounts[@]}" passwd "$DEMO_AGENT" --password-stdin >/dev/null
  else
    echo "$DEMO_PASSWORD" | "${accounts[@]}" add "$DEMO_AGENT" --role agent --display "${DEMO_AGENT^}" --password-stdin >/dev/null
  fi
  node relay/server.mjs --host "$HOST" --port "$RELAY_PORT" --agent-token "$AGENT_TOKEN" \
    --db build/demo-relay.db --allow-origin "http://$HOST:$DEMO_PORT" >"$relay_log" 2>&1 &
  pids+=($!)
  # Wait for its "listening" line (or its exit) rather than sleeping a guess.
  for _ in $(seq 1 50); do
    grep -q '"event":"listening"' "$relay_log" 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "demo: the relay did not start:"; cat "$relay_log"; exit 1; }
    sleep 0.2
  done
  query="?relay=ws://$HOST:$RELAY_PORT/visitor"
fi

node demo/serve.mjs --host "$HOST" --port "$DEMO_PORT" >/dev/null &
pids+=($!)
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://$HOST:$DEMO_PORT/" 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "demo: the demo server did not start (port $DEMO_PORT in use?)"; exit 1; }
  sleep 0.2
done

echo
echo "  Demo shop:      http://$HOST:$DEMO_PORT/$query"
echo "  Strict CSP:     http://$HOST:$DEMO_PORT/strict.html?csp=strict"
if [ -n "$query" ]; then
  echo "  Agent console:  http://$HOST:$RELAY_PORT/console/   (account $DEMO_AGENT, password $DEMO_PASSWORD;"
  echo "                  admin: tick the bootstrap box, token $AGENT_TOKEN; more agents: node relay/cli.mjs --db build/demo-relay.db accounts add NAME)"
fi
echo
echo "  Ctrl-C to stop."
wait
