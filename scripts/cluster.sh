#!/usr/bin/env bash
# Two app nodes behind HAProxy on one PostgreSQL database (docs/operations.md, "Several nodes behind a load
# balancer"): builds the web app (Release), starts the local PostgreSQL cluster, node-a and node-b on
# 127.0.0.1:5081 and :5082 and HAProxy on https://127.0.0.1:5443 (TLS ends there, self-signed certificate made once),
# round-robin without sticky sessions, each node checked on /health/ready. Ctrl-C stops the nodes and the balancer.
# Each node logs JSON lines (with its name) to .local/cluster/<node>/console.log and its usual files to <node>/logs.
#
#   scripts/cluster.sh                      run it
#   scripts/cluster.sh haproxy-config BIND PEM CHECK_HOST NODE=ADDRESS...
#                                           print the balancer's configuration only (the two-node test uses it)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The balancer: TLS at the front; X-Forwarded-For set by HAProxy (a client's own is dropped, the app believes only the
# last hop) and X-Forwarded-Proto; round-robin on every request (no cookie, no stickiness); a node failing two checks
# a second apart leaves the rotation, and a request that cannot connect to a node is sent to another.
haproxy_config() {
  local bind="$1" pem="$2" check_host="$3"
  shift 3
  cat <<EOF
global
    maxconn 1000
    log stderr format short local0 notice

defaults
    mode http
    log global
    option redispatch 1
    retries 2
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout check 2s

frontend mys
    bind ${bind} ssl crt ${pem}
    http-request del-header X-Forwarded-For
    http-request set-header X-Forwarded-Proto https
    option forwardfor
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /health/ready ver HTTP/1.1 hdr Host ${check_host} hdr X-Forwarded-Proto https
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
EOF
  local node
  for node in "$@"; do
    printf '    server %s %s\n' "${node%%=*}" "${node#*=}"
  done
}

if [ "${1:-}" = "haproxy-config" ]; then
  shift
  haproxy_config "$@"
  exit 0
fi

ensure_packages
ensure_cluster
cd "$REPO_ROOT"
CLUSTER_DIR="$LOCAL_DIR/cluster"
LB_PORT="${MYS_LB_PORT:-5443}"
NODES=("node-a=127.0.0.1:5081" "node-b=127.0.0.1:5082")
mkdir -p "$CLUSTER_DIR"

public_url="https://127.0.0.1:$LB_PORT"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Mys__PublicBaseUrl="${Mys__PublicBaseUrl:-$public_url}"
export Mys__RequireHttps="${Mys__RequireHttps:-true}"
export Mys__ForwardedHeaders__KnownProxies__0="${Mys__ForwardedHeaders__KnownProxies__0:-127.0.0.1}"
export Mys__Logging__Format="${Mys__Logging__Format:-json}"
# Both nodes run one dev PKI, answered in-process at the first node's address.
export Mys__DevPki__BaseUrl="${Mys__DevPki__BaseUrl:-http://127.0.0.1:5081/devpki}"
export Mys__DevPki__Folder="${Mys__DevPki__Folder:-$CLUSTER_DIR/devpki}"

pem="$CLUSTER_DIR/haproxy.pem"
if [ ! -s "$pem" ]; then
  log "making the balancer's self-signed certificate ($pem)"
  (umask 077 && openssl req -x509 -newkey rsa:2048 -sha256 -days 825 -nodes -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$CLUSTER_DIR/haproxy.key" -out "$CLUSTER_DIR/haproxy.crt" 2>/dev/null \
    && cat "$CLUSTER_DIR/haproxy.crt" "$CLUSTER_DIR/haproxy.key" >"$pem" && rm -f "$CLUSTER_DIR/haproxy.key")
fi
haproxy_config "127.0.0.1:$LB_PORT" "$pem" "127.0.0.1" "${NODES[@]}" >"$CLUSTER_DIR/haproxy.cfg"
haproxy -c -q -f "$CLUSTER_DIR/haproxy.cfg"

log "building"
if ! build_output=$(dotnet build src/Mys.Signing.Web -c Release -v quiet -nologo 2>&1); then
  printf '%s\n' "$build_output" >&2
  log "the build failed (above); nothing was started"
  exit 1
fi
dll="$REPO_ROOT/src/Mys.Signing.Web/bin/Release/net10.0/Mys.Signing.Web.dll"

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

wait_ready() {
  local name="$1" address="$2" pid="$3" i
  for i in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://$address/health/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then log "$name stopped; see $CLUSTER_DIR/$name/console.log"; exit 1; fi
    sleep 1
  done
  log "$name did not become ready in 120 s; see $CLUSTER_DIR/$name/console.log"
  exit 1
}

for node in "${NODES[@]}"; do
  name="${node%%=*}" address="${node#*=}"
  mkdir -p "$CLUSTER_DIR/$name"
  # One node migrates and seeds first; the second starts on the finished database.
  (cd "$CLUSTER_DIR/$name" && exec env Mys__NodeName="$name" Mys__Scheduler__InstanceId="$name" \
    dotnet "$dll" --contentRoot "$REPO_ROOT/src/Mys.Signing.Web" --urls "http://$address" >>console.log 2>&1) &
  pids+=($!)
  log "$name starting on http://$address"
  wait_ready "$name" "$address" "${pids[-1]}"
done

log "balancer on $public_url (self-signed certificate: $CLUSTER_DIR/haproxy.crt); Ctrl-C stops everything"
haproxy -db -f "$CLUSTER_DIR/haproxy.cfg" &
pids+=($!)
wait -n "${pids[@]}"
log "a process stopped; stopping the others"
