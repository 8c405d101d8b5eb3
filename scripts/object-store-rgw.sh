#!/usr/bin/env bash
# A single-node Ceph with the RADOS Gateway (S3) from Debian 12's packages, for measuring the S3 upload against a store
# other than Swift (docs/performance.md, "A 1 GiB upload to the S3 backend", session 14). Not used by the tests or CI.
# One monitor, one manager, one OSD on BlueStore in a sparse file under .local/ceph, pools of size 1, cephx off (it
# listens on 127.0.0.1 only), small memory targets; radosgw on 127.0.0.1:$MYS_RGW_PORT (default 56380) with an S3 user
# whose keys go to .local/rgw/test.txt in MYS_TEST_S3's format. Runs as root (the daemons run as the invoking user).
#   scripts/object-store-rgw.sh          start (creating on first use); idempotent
#   scripts/object-store-rgw.sh stop     stop the daemons (data kept); `rm -rf .local/ceph .local/rgw` to drop it
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
CEPH_DIR="$LOCAL_DIR/ceph"
RGW_DIR="$LOCAL_DIR/rgw"
RGW_PORT="${MYS_RGW_PORT:-56380}"
MON_PORT="${MYS_CEPH_MON_PORT:-$((RGW_PORT + 9))}"
CONF="$CEPH_DIR/ceph.conf"

log() { printf '[mys-rgw] %s\n' "$*" >&2; }

ensure_ceph_packages() {
  local missing=()
  for pkg in ceph-mon ceph-mgr ceph-osd radosgw ceph-common uuid-runtime; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

write_conf() {
  local fsid="$1"
  cat >"$CONF" <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$MON_PORT]
public addr = 127.0.0.1
ms bind msgr1 = false
ms bind port min = $((RGW_PORT + 400))
ms bind port max = $((RGW_PORT + 499))
auth cluster required = none
auth service required = none
auth client required = none
# With auth none radosgw's monitor client otherwise asks for "secure" mode, which needs cephx, and never connects.
ms mon client mode = crc
ms client mode = crc
run dir = $CEPH_DIR/run
admin socket = $CEPH_DIR/run/\$name.asok
pid file = $CEPH_DIR/run/\$name.pid
log file = $CEPH_DIR/log/\$name.log
mon data = $CEPH_DIR/\$name
mgr data = $CEPH_DIR/\$name
osd data = $CEPH_DIR/\$name
keyring = $CEPH_DIR/\$name/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
mon max pg per osd = 1000

[osd]
osd objectstore = bluestore
bluestore block create = true
bluestore block size = 32212254720
bluestore block db create = false
bluestore block wal create = false
osd memory target = 1073741824
bluestore cache autotune = true

[client.rgw.mys]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $RGW_DIR/data
log file = $CEPH_DIR/log/rgw.log
EOF
}

create_cluster() {
  local fsid osd_uuid
  fsid="$(uuidgen)"
  rm -rf "$CEPH_DIR"
  mkdir -p "$CEPH_DIR/run" "$CEPH_DIR/log" "$CEPH_DIR/mgr.x" "$CEPH_DIR/osd.0" "$RGW_DIR/data"
  write_conf "$fsid"
  monmaptool --create --addv a "[v2:127.0.0.1:$MON_PORT]" --fsid "$fsid" "$CEPH_DIR/monmap" >/dev/null
  ceph-authtool --create-keyring "$CEPH_DIR/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$CEPH_DIR/monmap" --keyring "$CEPH_DIR/mon.keyring"
  ceph-mon -c "$CONF" -i a
  ceph -c "$CONF" --connect-timeout 30 mon enable-msgr2 >/dev/null 2>&1 || true
  ceph-mgr -c "$CONF" -i x
  osd_uuid="$(uuidgen)"
  ceph -c "$CONF" osd new "$osd_uuid" >/dev/null
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$CEPH_DIR/log/mkfs.log"
  ceph-osd -c "$CONF" -i 0
  wait_for "the OSD to be up" bash -c "ceph -c '$CONF' osd stat 2>/dev/null | grep -q '1 up'"
  touch "$CEPH_DIR/created"
}

start_daemons() {
  pgrep -f "ceph-mon -c $CONF" >/dev/null || ceph-mon -c "$CONF" -i a
  pgrep -f "ceph-mgr -c $CONF" >/dev/null || ceph-mgr -c "$CONF" -i x
  pgrep -f "ceph-osd -c $CONF" >/dev/null || ceph-osd -c "$CONF" -i 0
  wait_for "the OSD to be up" bash -c "ceph -c '$CONF' osd stat 2>/dev/null | grep -q '1 up'"
}

wait_for() {
  local what="$1"
  shift
  for _ in $(seq 1 120); do
    "$@" && return 0
    sleep 1
  done
  log "timed out waiting for $what (logs in $CEPH_DIR/log)"
  return 1
}

start_rgw() {
  if ! curl -fsS "http://127.0.0.1:$RGW_PORT/" >/dev/null 2>&1; then
    radosgw -c "$CONF" -n client.rgw.mys
    wait_for "radosgw on port $RGW_PORT" curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/"
  fi
  mkdir -p "$RGW_DIR"
  chmod 700 "$RGW_DIR"
  if [ ! -s "$RGW_DIR/test.txt" ]; then
    local access secret
    access="MYS$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F')"
    secret="$(head -c 30 /dev/urandom | base64 | tr -d '/+=' | head -c 40)"
    radosgw-admin -c "$CONF" user create --uid=mys --display-name=mys --access-key="$access" --secret="$secret" >/dev/null
    printf 'ServiceUrl=http://127.0.0.1:%s;AccessKey=%s;SecretKey=%s\n' "$RGW_PORT" "$access" "$secret" >"$RGW_DIR/test.txt"
  fi
}

stop_all() {
  for name in radosgw ceph-osd ceph-mgr ceph-mon; do
    local pids
    pids="$(pgrep -f "$name -c $CONF" || true)"
    [ -n "$pids" ] && kill $pids
  done
  log "stopped"
}

case "${1:-start}" in
  stop) stop_all ;;
  start)
    ensure_ceph_packages
    if [ -f "$CONF" ] && [ -f "$CEPH_DIR/created" ]; then start_daemons; else create_cluster; fi
    start_rgw
    log "radosgw (S3) on http://127.0.0.1:$RGW_PORT; MYS_TEST_S3=\"\$(cat $RGW_DIR/test.txt)\""
    ;;
  *) log "usage: $0 [start|stop]"; exit 2 ;;
esac
