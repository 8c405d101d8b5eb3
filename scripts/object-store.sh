# A real S3-compatible object store for the attachment-store tests: a single-node OpenStack Swift (Debian's swift
# packages) with its s3api middleware, on 127.0.0.1:$S3_PORT, run as the swift user. Sourced by lib.sh; idempotent:
# a second call reuses the rings, the data and the running servers. See docs/object-storage.md.

S3_PORT="${MYS_S3_PORT:-56280}"
S3_DIR="$LOCAL_DIR/s3"            # credentials, readable by the invoking user only
SWIFT_PORT_BASE=$((S3_PORT - 80)) # object +1, container +2, account +3
# Worker processes of the proxy and the object server (Swift's default for tests: 1). The upload benchmark
# (docs/performance.md, "A 1 GiB upload to the S3 backend") measures with more; one Python process per core at most.
SWIFT_WORKERS="${MYS_SWIFT_WORKERS:-1}"

# Where Swift's rings, configuration and data live: inside the checkout when the swift user can reach it, else in
# swift's own home (like the PostgreSQL cluster, no permission above the checkout is changed).
choose_swift_home() {
  if [ -n "${MYS_SWIFT_DIR:-}" ]; then
    SWIFT_HOME="$MYS_SWIFT_DIR"
  elif runuser -u swift -- test -x "$(dirname "$REPO_ROOT")" 2>/dev/null && runuser -u swift -- test -x "$REPO_ROOT" 2>/dev/null; then
    SWIFT_HOME="$LOCAL_DIR/swift"
  else
    SWIFT_HOME="/var/lib/swift/mys/$(basename "$REPO_ROOT")-$(printf '%s' "$REPO_ROOT" | sha256sum | head -c 8)"
  fi
}

swift_write_configs() {
  local etc="$1" password="$2"
  local common="[DEFAULT]
bind_ip = 127.0.0.1
devices = $SWIFT_HOME/node
mount_check = false
swift_dir = $etc
workers = $SWIFT_WORKERS
log_facility = LOG_LOCAL2
log_level = WARNING
"
  printf '%sbind_port = %s\n\n[pipeline:main]\npipeline = object-server\n\n[app:object-server]\nuse = egg:swift#object\n' \
    "$common" $((SWIFT_PORT_BASE + 1)) >"$etc/object-server.conf"
  printf '%sbind_port = %s\n\n[pipeline:main]\npipeline = container-server\n\n[app:container-server]\nuse = egg:swift#container\n' \
    "$common" $((SWIFT_PORT_BASE + 2)) >"$etc/container-server.conf"
  printf '%sbind_port = %s\n\n[pipeline:main]\npipeline = account-server\n\n[app:account-server]\nuse = egg:swift#account\n' \
    "$common" $((SWIFT_PORT_BASE + 3)) >"$etc/account-server.conf"
  cat >"$etc/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $S3_PORT
swift_dir = $etc
workers = $SWIFT_WORKERS
log_level = WARNING

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:tempauth]
use = egg:swift#tempauth
user_mys_test = $password .admin

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo
min_segment_size = 1

[filter:dlo]
use = egg:swift#dlo
EOF
}

swift_build_rings() {
  local etc="$1" kind port
  for kind in object container account; do
    [ -s "$etc/$kind.ring.gz" ] && continue
    case "$kind" in object) port=$((SWIFT_PORT_BASE + 1)) ;; container) port=$((SWIFT_PORT_BASE + 2)) ;; account) port=$((SWIFT_PORT_BASE + 3)) ;; esac
    swift-ring-builder "$etc/$kind.builder" create 8 1 1 >/dev/null
    swift-ring-builder "$etc/$kind.builder" add "r1z1-127.0.0.1:$port/d1" 100 >/dev/null
    swift-ring-builder "$etc/$kind.builder" rebalance >/dev/null || true
  done
}

s3_is_up() { curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/healthcheck" 2>/dev/null; }

# Starts (creating on first use) Swift + s3api on 127.0.0.1:$S3_PORT; exports MYS_TEST_S3 for the tests
# ("ServiceUrl=…;AccessKey=…;SecretKey=…", also written to .local/s3/test.txt).
ensure_object_store() {
  mkdir -p "$S3_DIR" && chmod 700 "$S3_DIR"
  local password
  password="$(read_or_make_secret "$S3_DIR/secret.pw")"
  choose_swift_home
  local etc="$SWIFT_HOME/etc"
  mkdir -p "$etc" "$SWIFT_HOME/node/d1" "$SWIFT_HOME/run" "$SWIFT_HOME/log"
  if [ "$SWIFT_HOME" = "$LOCAL_DIR/swift" ]; then chmod 755 "$LOCAL_DIR"; fi
  if ! setfattr -n user.mys -v 1 "$SWIFT_HOME/node/d1" 2>/dev/null; then
    log "the filesystem under $SWIFT_HOME has no user xattrs, which Swift needs; set MYS_SWIFT_DIR to a folder on ext4/xfs"
    exit 1
  fi
  # Swift reads its hash path secret from /etc/swift/swift.conf only; a fixed one is fine for a test store.
  if [ ! -s /etc/swift/swift.conf ]; then
    printf '[swift-hash]\nswift_hash_path_suffix = mys-test-store\nswift_hash_path_prefix = mys\n\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n' >/etc/swift/swift.conf
  fi
  swift_write_configs "$etc" "$password"
  swift_build_rings "$etc"
  chown -R swift:swift "$SWIFT_HOME"
  if s3_is_up && ! { [ -s "$SWIFT_HOME/run/proxy.pid" ] && kill -0 "$(cat "$SWIFT_HOME/run/proxy.pid")" 2>/dev/null; }; then
    log "port $S3_PORT is already taken (another checkout's Swift?); choose another with MYS_S3_PORT=NNNNN"
    exit 1
  fi
  if ! s3_is_up; then
    log "starting Swift with the S3 API on 127.0.0.1:$S3_PORT"
    local server
    for server in object container account proxy; do
      if [ -s "$SWIFT_HOME/run/$server.pid" ] && kill -0 "$(cat "$SWIFT_HOME/run/$server.pid")" 2>/dev/null; then continue; fi
      runuser -u swift -- setsid "swift-$server-server" "$etc/$server-server.conf" \
        >>"$SWIFT_HOME/log/$server.log" 2>&1 </dev/null &
      echo $! >"$SWIFT_HOME/run/$server.pid"
    done
    local i
    for i in $(seq 1 60); do s3_is_up && break; sleep 0.5; done
    s3_is_up || { log "Swift did not start; see $SWIFT_HOME/log"; exit 1; }
  fi
  local settings="ServiceUrl=http://127.0.0.1:$S3_PORT;AccessKey=mys:test;SecretKey=$password"
  (umask 077 && printf '%s\n' "$settings" >"$S3_DIR/test.txt")
  export MYS_TEST_S3="${MYS_TEST_S3:-$settings}"
}
