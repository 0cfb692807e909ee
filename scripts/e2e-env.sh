#!/usr/bin/env bash
# Installs and starts the real parts the end-to-end tests need, on a Debian 12 machine with no internet but
# Debian's archive: containerd + dockerd (containerd image store), buildx, qemu-user-static, an htpasswd
# registry on 127.0.0.1:5000, a multi-arch busybox base image in it, and a BuildKit image for the
# docker-container driver built from Debian's archive (scripts/buildkit-image.sh). Idempotent: a second run
# only checks that everything is up. Root only.
#
# Usage: scripts/e2e-env.sh [up|env|buildkit|down]
#   up        provision and start everything; writes $E2E_HOME/env
#   env       print the provisioned environment (KEY=value lines, as `up` writes to $E2E_HOME/env): what the
#             tests, the example and the benchmarks read
#   buildkit  (re)build only the BuildKit binaries and image (BUILDKIT_REBUILD=1 forces a rebuild from today's sid)
#   down      stop the registry, dockerd and containerd that `up` started here (their PIDs are in
#             $E2E_HOME/run); a daemon this script did not start is left running
#
# This file is the one definition of E2E_HOME (override it with the E2E_HOME variable). The Debian archive is
# read from this machine's apt sources (DEBIAN_ARCHIVE overrides it), never written down here.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
E2E_HOME=${E2E_HOME:-/var/lib/multiarch-e2e}
ENV_FILE=$E2E_HOME/env
PREFIX=$E2E_HOME/prefix
REGISTRY_PORT=${REGISTRY_PORT:-5000}
REGISTRY=127.0.0.1:$REGISTRY_PORT
REGISTRY_USER=e2e
REGISTRY_PASSWORD_FILE=$E2E_HOME/registry-password
BUILDKIT_IMAGE=$REGISTRY/buildkit/buildkitd:local
BASE_ARCHES="amd64:linux/amd64 arm64:linux/arm64 armhf:linux/arm/v7 armel:linux/arm/v6 ppc64el:linux/ppc64le s390x:linux/s390x"
BASE_IMAGE=$REGISTRY/base/busybox:1

log() { printf '[e2e-env] %s\n' "$*" >&2; }

# The Debian archive this machine's apt already uses: the first URI of debian.sources (deb822), else the first
# non-security `deb` line of sources.list. Empty when neither names one (e.g. an Ubuntu runner).
debian_archive() {
  if [ -n "${DEBIAN_ARCHIVE:-}" ]; then echo "$DEBIAN_ARCHIVE"; return; fi
  local uri=""
  [ -f /etc/apt/sources.list.d/debian.sources ] && uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  [ -n "$uri" ] || [ ! -f /etc/apt/sources.list ] ||
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { if ($i !~ /security/) { print $i; exit } break } }' /etc/apt/sources.list)
  echo "$uri"
}
archive() { # the archive, or exit naming where it was looked for
  local uri
  uri=$(debian_archive)
  [ -n "$uri" ] || { log "no Debian archive in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list: set DEBIAN_ARCHIVE"; exit 1; }
  echo "$uri"
}

apt_private() { # apt_private <name> <suite> [arch]: apt-get with a private state dir, system lists untouched
  local name=$1 suite=$2 arch=${3:-}
  local d=$E2E_HOME/apt/$name uri
  uri=$(archive)
  mkdir -p "$d/lists/partial" "$d/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" >"$d/sources.list"
  local opts=(-q -oDir::Etc::SourceList="$d/sources.list" -oDir::Etc::SourceParts=/dev/null
    -oDir::State::Lists="$d/lists" -oDir::Cache="$d" -oDir::Cache::archives="$d/archives" -oAPT::Sandbox::User=root)
  [ -n "$arch" ] && opts+=(-oAPT::Architecture="$arch" -oAPT::Architectures="$arch")
  APT_OPTS=("${opts[@]}")
  [ -f "$d/lists/.updated" ] || { apt-get "${opts[@]}" update >/dev/null && touch "$d/lists/.updated"; }
}

extract() { # extract <name> <suite> <arch|""> <dest> <pkg...>
  local name=$1 suite=$2 arch=$3 dest=$4; shift 4
  apt_private "$name" "$suite" "$arch"
  local dl=$E2E_HOME/debs/$name
  mkdir -p "$dl" "$dest"
  (cd "$dl" && for p in "$@"; do ls "${p}"_*.deb >/dev/null 2>&1 || apt-get "${APT_OPTS[@]}" download "$p" >/dev/null; done)
  for p in "$@"; do dpkg -x "$(ls "$dl/${p}"_*.deb | head -1)" "$dest"; done
}

# An engine this script did not install (a GitHub runner's) is used as it is, with its image store switched
# to containerd's: the docker driver needs it for multi-platform builds and cache export.
foreign_engine() { [ ! -x "$PREFIX/usr/sbin/dockerd" ] && docker info >/dev/null 2>&1; }

install_packages() {
  local want=(qemu-user-static docker-registry apache2-utils busybox-static curl ca-certificates debian-archive-keyring)
  foreign_engine || want+=(runc iptables)
  local need=()
  for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  if [ ${#need[@]} -gt 0 ]; then
    log "apt-get install ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -q update >/dev/null
    apt-get -q install -y --no-install-recommends "${need[@]}" >/dev/null
  fi
  if foreign_engine; then
    # The tests find buildx where this script puts its own: link the preinstalled plugin there.
    local plugin=""
    for d in /usr/local/lib /usr/local/libexec /usr/lib /usr/libexec; do
      [ -x "$d/docker/cli-plugins/docker-buildx" ] && { plugin="$d/docker/cli-plugins/docker-buildx"; break; }
    done
    [ -n "$plugin" ] || { log "the preinstalled engine has no buildx plugin"; exit 1; }
    mkdir -p "$PREFIX/buildx" "$HOME/.docker/cli-plugins"
    ln -sf "$plugin" "$PREFIX/buildx/docker-buildx"
    [ -e "$HOME/.docker/cli-plugins/docker-buildx" ] || ln -sf "$plugin" "$HOME/.docker/cli-plugins/docker-buildx"
    return
  fi
  if [ ! -x "$PREFIX/usr/sbin/dockerd" ] && [ ! -x "$PREFIX/usr/bin/dockerd" ]; then
    log "docker.io + containerd from trixie"
    extract trixie trixie "" "$PREFIX" docker.io containerd
  fi
  # docker.io links docker-init (what `docker run --init` and every buildx docker-container builder start as
  # PID 1) to tini-static, which is in Debian's tini package. Beside docker.io, the link resolves and dockerd
  # finds it on its PATH ($PREFIX/usr/bin, see engine_path). Without it: exec: "docker-init": executable file
  # not found in $PATH.
  if [ ! -x "$PREFIX/usr/bin/docker-init" ]; then
    log "tini (docker-init) from trixie"
    extract trixie trixie "" "$PREFIX" tini
    [ -x "$PREFIX/usr/bin/docker-init" ] || { log "$PREFIX/usr/bin/docker-init does not resolve to tini-static"; exit 1; }
  fi
  if [ ! -x "$PREFIX/buildx/docker-buildx" ]; then
    log "docker-buildx (sid, else trixie)"
    extract sid sid "" "$E2E_HOME/buildx-sid" docker-buildx 2>/dev/null || extract trixie trixie "" "$E2E_HOME/buildx-sid" docker-buildx
    mkdir -p "$PREFIX/buildx"
    cp "$E2E_HOME/buildx-sid/usr/libexec/docker/cli-plugins/docker-buildx" "$PREFIX/buildx/docker-buildx"
  fi
  mkdir -p "$HOME/.docker/cli-plugins"
  ln -sf "$PREFIX/buildx/docker-buildx" "$HOME/.docker/cli-plugins/docker-buildx"
}

containerd_store() {
  foreign_engine || return 0
  docker info -f '{{json .DriverStatus}}' | grep -q io.containerd.snapshotter && return 0
  log "switching the preinstalled engine to the containerd image store"
  mkdir -p /etc/docker
  python3 - <<'PY'
import json, os
p = '/etc/docker/daemon.json'
cfg = json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else {}
cfg.setdefault('features', {})['containerd-snapshotter'] = True
json.dump(cfg, open(p, 'w'))
PY
  systemctl restart docker
  for _ in $(seq 100); do docker info >/dev/null 2>&1 && return 0; sleep 0.2; done
  log "docker did not come back after the restart"; exit 1
}

# A daemon outlives this script, so it must not keep the script's open files: a caller's lock file
# (`flock <lock> npm test`) held by dockerd would never be released. Its PID goes to $E2E_HOME/run/<name>.pid
# (the subshell execs into it: no job control here, so setsid does not fork), so that `down` stops only
# what this script started. daemon <name> <log> <command...>
daemon() {
  local name=$1 log=$2; shift 2
  mkdir -p "$E2E_HOME/run"
  (
    for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
    echo "$BASHPID" >"$E2E_HOME/run/$name.pid"
    exec setsid nohup "$@" >"$log" 2>&1 </dev/null
  ) &
}

# Stops the daemon `daemon <name>` started, if it still runs as <name> (a PID file can outlive its process,
# and the PID be reused); waits up to 20 s for it to exit. Any other process of that name is left alone.
stop_daemon() {
  local name=$1 file=$E2E_HOME/run/$1.pid pid
  [ -f "$file" ] || { log "$name: not started by this script (no $file); left alone"; return; }
  pid=$(cat "$file")
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]; then
    log "$name: PID $pid from $file no longer runs $name"; rm -f "$file"; return
  fi
  log "stopping $name (PID $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  [ -d "/proc/$pid" ] && log "$name (PID $pid) still runs after 20 s"
  rm -f "$file"
}

engine_path() { echo "$PREFIX/usr/bin:$PREFIX/usr/sbin:$PREFIX/usr/libexec/docker:$PATH"; }

start_engine() {
  if docker info >/dev/null 2>&1; then return; fi
  mkdir -p /etc/docker "$E2E_HOME/log"
  [ -f /etc/docker/daemon.json ] || echo '{"features":{"containerd-snapshotter":true}}' >/etc/docker/daemon.json
  local path; path=$(engine_path)
  if [ ! -S /run/containerd/containerd.sock ] || ! ctr_ok; then
    log "starting containerd"
    mkdir -p /run/containerd
    daemon containerd "$E2E_HOME/log/containerd.log" env PATH="$path" containerd
    for _ in $(seq 50); do [ -S /run/containerd/containerd.sock ] && break; sleep 0.1; done
  fi
  log "starting dockerd"
  daemon dockerd "$E2E_HOME/log/dockerd.log" env PATH="$path" dockerd --containerd /run/containerd/containerd.sock
  for _ in $(seq 150); do docker info >/dev/null 2>&1 && return; sleep 0.2; done
  tail -30 "$E2E_HOME/log/dockerd.log" >&2
  log "dockerd did not start"; exit 1
}
ctr_ok() { PATH=$(engine_path) ctr --address /run/containerd/containerd.sock version >/dev/null 2>&1; }

mount_binfmt() {
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
}

start_registry() {
  local dir=$E2E_HOME/registry
  mkdir -p "$dir/data"
  [ -f "$REGISTRY_PASSWORD_FILE" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$REGISTRY_PASSWORD_FILE"
  chmod 600 "$REGISTRY_PASSWORD_FILE"
  htpasswd -Bbc "$dir/htpasswd" "$REGISTRY_USER" "$(cat "$REGISTRY_PASSWORD_FILE")" >/dev/null 2>&1
  cat >"$dir/config.yml" <<YML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $dir/data }
  delete: { enabled: true }
http: { addr: 127.0.0.1:$REGISTRY_PORT }
auth:
  htpasswd: { realm: e2e, path: $dir/htpasswd }
YML
  if ! curl -fsS -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" 2>/dev/null | grep -q . && \
     ! curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" | grep -q 401; then
    log "starting registry on $REGISTRY"
    daemon docker-registry "$E2E_HOME/log/registry.log" docker-registry serve "$dir/config.yml"
    for _ in $(seq 50); do curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/" | grep -q 401 && break; sleep 0.1; done
  fi
  docker login "$REGISTRY" -u "$REGISTRY_USER" --password-stdin <"$REGISTRY_PASSWORD_FILE" >/dev/null
}

make_base_image() {
  if docker buildx imagetools inspect "$BASE_IMAGE" >/dev/null 2>&1; then return; fi
  log "building multi-arch base image $BASE_IMAGE"
  local refs=()
  for pair in $BASE_ARCHES; do
    local arch=${pair%%:*} platform=${pair#*:}
    local root=$E2E_HOME/rootfs/$arch
    if [ "$arch" = amd64 ]; then extract bookworm-amd64 bookworm amd64 "$root.pkg" busybox-static
    else extract "bookworm-$arch" bookworm "$arch" "$root.pkg" busybox-static; fi
    rm -rf "$root"; mkdir -p "$root/bin" "$root/tmp" "$root/etc"
    cp "$root.pkg/bin/busybox" "$root/bin/busybox"
    for applet in sh ls cat echo uname sleep mkdir rm cp mv env sha256sum wc head tr sed grep id test true false dd seq date; do
      ln -sf busybox "$root/bin/$applet"
    done
    echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
    local tag=$REGISTRY/base/busybox:1-${arch}
    tar -C "$root" -c . | docker import --platform "$platform" -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$tag" >/dev/null
    docker push -q "$tag" >/dev/null
    refs+=("$tag")
  done
  # imagetools copies manifests concurrently; the registry may refuse one PUT by digest (400) once: try again.
  local attempt
  for attempt in 1 2 3; do
    docker buildx imagetools create -t "$BASE_IMAGE" "${refs[@]}" >/dev/null && return
    log "imagetools create $BASE_IMAGE failed (attempt $attempt)"
  done
  exit 1
}

buildkit() {
  E2E_HOME=$E2E_HOME E2E_BUILDKIT_IMAGE=$BUILDKIT_IMAGE DEBIAN_ARCHIVE=$(debian_archive) bash "$HERE/buildkit-image.sh"
}

print_env() {
  cat <<ENV
E2E_HOME=$E2E_HOME
E2E_REGISTRY=$REGISTRY
E2E_REGISTRY_USER=$REGISTRY_USER
E2E_REGISTRY_PASSWORD_FILE=$REGISTRY_PASSWORD_FILE
E2E_REGISTRY_REPOSITORIES=$E2E_HOME/registry/data/docker/registry/v2/repositories
E2E_BASE_IMAGE=$BASE_IMAGE
E2E_BUILDX=$PREFIX/buildx/docker-buildx
E2E_BUILDKIT_IMAGE=$BUILDKIT_IMAGE
E2E_BUILDKITD=$E2E_HOME/buildkit/bin/buildkitd
E2E_BUILDCTL=$E2E_HOME/buildkit/bin/buildctl
ENV
}

case "${1:-up}" in
  up)
    [ "$(id -u)" = 0 ] || { log "run as root (it installs packages and starts dockerd)"; exit 1; }
    install_packages; mount_binfmt; start_engine; containerd_store; start_registry; make_base_image; buildkit
    print_env >"$ENV_FILE"; log "ready: $(docker version --format 'engine {{.Server.Version}}') $(docker buildx version)";;
  env) # what this script provisions, once `up` has run here (the file is its mark; another checkout's older
       # script may have rewritten it since, so the values come from this script)
    [ -f "$ENV_FILE" ] || { log "$ENV_FILE is missing: run \`bash scripts/e2e-env.sh up\` first (npm test does)"; exit 1; }
    print_env;;
  buildkit) buildkit;;
  down)
    stop_daemon docker-registry; stop_daemon dockerd; stop_daemon containerd;;
  *) echo "usage: $0 [up|env|buildkit|down]" >&2; exit 2;;
esac
