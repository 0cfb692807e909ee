#!/usr/bin/env bash
# BuildKit for the e2e suites, built from Debian's archive alone (no Docker Hub, no Go module proxy, no GitHub):
#
#   $E2E_HOME/buildkit/bin/buildkitd, buildctl   static binaries; tests also run buildkitd directly on the host
#   $E2E_BUILDKIT_IMAGE                          the image a docker-container builder runs (`buildkit-image`),
#                                                in the local engine and pushed to the local registry
#
# Called by `scripts/e2e-env.sh up` (or `scripts/e2e-env.sh buildkit`), which sets E2E_HOME, DEBIAN_ARCHIVE
# (read from this machine's apt sources) and E2E_BUILDKIT_IMAGE, and has logged in to the registry.
#
# Where each piece comes from:
#   source    BuildKit's Go tree as shipped in sid's golang-github-docker-docker-dev (Debian builds it from
#             docker.io's buildkit component); every library from sid's golang-*-dev packages; Go from sid's
#             golang-go. Built in GOPATH mode: Debian ships Go libraries as source trees, not modules.
#   rootfs    debootstrap --variant=minbase trixie + runc and what buildkitd shells out to (git, ssh, pigz, xz).
#   image     `docker import` of that rootfs with ENTRYPOINT ["buildkitd"].
#
# Cached under $E2E_HOME/buildkit: once built, a rerun checks a stamp and the image and is done in seconds,
# without touching the network. The build is redone when this script changes, or with BUILDKIT_REBUILD=1
# (which also fetches today's sid). sid moves: when its packages no longer cover BuildKit's imports, the
# build fails with one line naming them, and the binaries and image built before stay in place.
set -euo pipefail

: "${E2E_HOME:?run through scripts/e2e-env.sh (it sets E2E_HOME)}"
IMAGE=${E2E_BUILDKIT_IMAGE:?run through scripts/e2e-env.sh (it sets E2E_BUILDKIT_IMAGE)}
W=$E2E_HOME/buildkit
ARCH=$(dpkg --print-architecture)
# sid: the only suite whose docker.io carries BuildKit v0.2x together with the containerd v2 libraries it needs.
SRC_SUITE=sid
ROOTFS_SUITE=trixie
ROOTFS_PKGS=runc,ca-certificates,git,openssh-client,pigz,xz-utils
# Beyond golang-github-docker-docker-dev's own Depends, buildkitd and buildctl import these.
GO_PKGS=(golang-go golang-github-docker-docker-dev
  golang-github-azure-azure-sdk-for-go-dev golang-github-agext-levenshtein-dev
  golang-github-containerd-accelerated-container-image-dev golang-github-coreos-go-systemd-dev
  golang-github-gofrs-flock-dev golang-github-google-shlex-dev
  golang-github-hashicorp-go-immutable-radix-v2-dev golang-github-mitchellh-hashstructure-dev
  golang-github-package-url-packageurl-go-dev golang-github-pkg-profile-dev
  golang-github-spdx-tools-golang-dev golang-github-tonistiigi-go-archvariant-dev)

log() { printf '[buildkit] %s\n' "$*" >&2; }
die() { printf '[buildkit] %s\n' "$*" >&2; exit 1; }
T0=$(date +%s)
step() { log "$1 ($(($(date +%s) - T0)) s)"; }

mkdir -p "$W"
# Everything that decides what gets built: a change here means a rebuild.
RECIPE=$(sha256sum "$0" | cut -c1-16)-$ARCH
built() { [ "$(cat "$W/built" 2>/dev/null)" = "$RECIPE" ] && [ -x "$W/bin/buildkitd" ] && [ -x "$W/bin/buildctl" ] &&
  [ -x "$W/rootfs/usr/bin/runc" ]; }

# ---- the private apt state: sid lists, an empty dpkg status; the system's lists and lock stay untouched --------
apt_setup() {
  A=$W/apt
  mkdir -p "$A/lists/partial" "$A/archives/partial"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'deb [signed-by=%s] %s %s main\ndeb-src [signed-by=%s] %s %s main\n' \
    "$keyring" "$DEBIAN_ARCHIVE" "$SRC_SUITE" "$keyring" "$DEBIAN_ARCHIVE" "$SRC_SUITE" >"$A/sources.list"
  : >"$A/status" # nothing counts as installed: download the whole closure
  cat >"$A/apt.conf" <<EOF
Dir::Etc::SourceList "$A/sources.list";
Dir::Etc::SourceParts "/dev/null";
Dir::Etc::Preferences "/dev/null";
Dir::Etc::PreferencesParts "/dev/null";
Dir::State::Lists "$A/lists";
Dir::State::status "$A/status";
Dir::Cache "$A";
Dir::Cache::archives "$A/archives";
APT::Architecture "$ARCH";
APT::Architectures { "$ARCH"; };
APT::Install-Recommends "false";
APT::Sandbox::User "root";
Acquire::Languages "none";
EOF
}
aptp() { APT_CONFIG=$A/apt.conf apt-get -q "$@"; }

host_tools() {
  local need=()
  command -v debootstrap >/dev/null || need+=(debootstrap)
  command -v xz >/dev/null || need+=(xz-utils)
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
  [ ${#need[@]} -eq 0 ] && return
  log "apt-get install ${need[*]}"
  apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get -q install -y "${need[@]}" >/dev/null
}

# ---- 1. download: the Go toolchain, BuildKit's source, its libraries, and docker.io's engine tarball ----------
download() {
  aptp update >"$W/apt-update.log" 2>&1 || { tail -5 "$W/apt-update.log" >&2; die "apt-get update of $SRC_SUITE failed"; }
  if ! aptp install -y --download-only "${GO_PKGS[@]}" >"$W/download.log" 2>&1; then
    local gone
    gone=$(sed -nE 's/^E: (Unable to locate package|Package) ([^ ]+).*/\2/p' "$W/download.log" | tr '\n' ' ')
    die "downloading $SRC_SUITE's Go packages failed${gone:+ (not in $SRC_SUITE any more: ${gone% })}; see $W/download.log"
  fi
  aptp autoclean >/dev/null # drop versions sid has superseded, so only current debs get unpacked
  # Two packages BuildKit imports (moby/profiles, tonistiigi/go-actions-cache) are in no -dev package: only
  # docker.io's vendor/ has them. `apt-get source docker.io` answers 404 for some of its components, so fetch
  # just the engine tarball; apt-helper checks it against the SHA256 of the signed Sources index.
  mkdir -p "$W/src"
  read -r ENGINE_URI ENGINE_TAR _ ENGINE_SHA < <(aptp source --print-uris docker.io 2>/dev/null | tr -d "'" |
    awk '$2 ~ /^docker\.io_[^-]*\.orig\.tar\.xz$/ {print $1, $2, $3, $4; exit}') || true
  [ -n "${ENGINE_TAR:-}" ] || die "docker.io's engine tarball is not in $SRC_SUITE's Sources index"
  [ -s "$W/src/$ENGINE_TAR" ] ||
    APT_CONFIG=$A/apt.conf /usr/lib/apt/apt-helper download-file "$ENGINE_URI" "$W/src/$ENGINE_TAR" "$ENGINE_SHA" >/dev/null
  find "$W/src" -name 'docker.io_*.orig.tar.xz' ! -name "$ENGINE_TAR" -delete
}

# ---- 2. compile: a GOPATH-mode build of buildkitd and buildctl ------------------------------------------------
compile() {
  local R=$W/root # the golang-* debs unpacked (their maintainer scripts are not needed)
  local debs_sig
  debs_sig=$(cd "$A/archives" && ls golang-*.deb | sha256sum | cut -c1-16)
  if [ "$(cat "$R/.debs" 2>/dev/null)" != "$debs_sig" ]; then
    rm -rf "$R" && mkdir -p "$R"
    for f in "$A"/archives/golang-*.deb; do dpkg -x "$f" "$R"; done
    echo "$debs_sig" >"$R/.debs"
  fi
  # An overlay GOPATH, searched before Debian's /usr/share/gocode.
  local G=$W/gopath/src
  rm -rf "$W/gopath" && mkdir -p "$G/github.com/moby" "$G/github.com/tonistiigi" "$G/github.com/containerd"
  cp -a "$R/usr/share/gocode/src/github.com/moby/buildkit" "$G/github.com/moby/buildkit"
  # With a go.mod, GOPATH mode resolves major-version imports (…/v2) to Debian's unversioned paths (go help gopath).
  printf 'module github.com/moby/buildkit\n\ngo 1.24\n' >"$G/github.com/moby/buildkit/go.mod"
  rm -rf "$W/engine" && mkdir -p "$W/engine"
  tar -C "$W/engine" -xJf "$W/src/$ENGINE_TAR" --wildcards '*/engine/vendor.mod' \
    '*/engine/vendor/github.com/moby/profiles/*' '*/engine/vendor/github.com/tonistiigi/go-actions-cache/*'
  local E
  E=$(dirname "$(find "$W/engine" -path '*/engine/vendor.mod' | head -1)")
  cp -a "$E/vendor/github.com/moby/profiles" "$G/github.com/moby/"
  cp -a "$E/vendor/github.com/tonistiigi/go-actions-cache" "$G/github.com/tonistiigi/"
  BK_VERSION=$(awk '$1=="github.com/moby/buildkit"{print $2; exit}' "$E/vendor.mod")
  DEB_VERSION=$(dpkg-deb -f "$(ls "$A"/archives/golang-github-docker-docker-dev_*.deb | tail -1)" Version)
  stubs "$G/github.com/containerd"

  export GOROOT=$R/usr/lib/go GOPATH=$W/gopath:$R/usr/share/gocode GOCACHE=$W/gocache
  export GO111MODULE=off CGO_ENABLED=0 GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GOOS=linux GOARCH=$ARCH
  local go=$GOROOT/bin/go pkgs=(github.com/moby/buildkit/cmd/buildkitd github.com/moby/buildkit/cmd/buildctl)
  local missing
  missing=$($go list -e -deps -f '{{if .Error}}{{.ImportPath}}{{end}}' "${pkgs[@]}" | sort -u | tr '\n' ' ')
  [ -z "$missing" ] || die "unresolved imports with $SRC_SUITE's Go packages (Debian moved; add their -dev packages to GO_PKGS or a stub): ${missing% }"
  mkdir -p "$W/bin.new"
  $go build -trimpath -o "$W/bin.new/" -ldflags "-s -w \
    -X github.com/moby/buildkit/version.Version=$BK_VERSION \
    -X github.com/moby/buildkit/version.Revision=debian-$DEB_VERSION" "${pkgs[@]}"
  "$W/bin.new/buildkitd" --version >&2
  rm -rf "$W/bin" && mv "$W/bin.new" "$W/bin"
}

# Two optional snapshotters cannot be built from Debian against containerd v2: fuse-overlayfs-snapshotter is
# not packaged, and Debian's stargz-snapshotter is built on containerd v1. Stand-ins with the API BuildKit
# calls report "not included in this build" (only those snapshotters are lost; overlayfs is the default).
stubs() {
  local F=$1/fuse-overlayfs-snapshotter S=$1/stargz-snapshotter
  mkdir -p "$F" "$S/fs/config" "$S/fs/layer" "$S/fs/source" "$S/snapshot"
  printf 'module github.com/containerd/fuse-overlayfs-snapshotter/v2\n\ngo 1.22\n' >"$F/go.mod"
  cat >"$F/stub.go" <<'EOF'
// Package fuseoverlayfs is a stand-in: fuse-overlayfs-snapshotter is not packaged in Debian.
package fuseoverlayfs

import (
	"errors"

	"github.com/containerd/containerd/v2/core/snapshots"
)

var errUnsupported = errors.New("fuse-overlayfs snapshotter is not included in this build")

func Supported(root string) error { return errUnsupported }

func NewSnapshotter(root string, opts ...interface{}) (snapshots.Snapshotter, error) {
	return nil, errUnsupported
}
EOF
  cat >"$S/fs/config/config.go" <<'EOF'
// Package config is a stand-in: Debian's stargz-snapshotter is built on containerd v1.
package config

type Config struct{}
EOF
  cat >"$S/fs/layer/layer.go" <<'EOF'
// Package layer is a stand-in.
package layer

type OverlayOpaqueType int

const (
	OverlayOpaqueAll OverlayOpaqueType = iota
	OverlayOpaqueTrusted
	OverlayOpaqueUser
)
EOF
  cat >"$S/fs/source/source.go" <<'EOF'
// Package source is a stand-in.
package source

import (
	"github.com/containerd/containerd/v2/core/remotes/docker"
	"github.com/containerd/containerd/v2/pkg/reference"
)

type Source struct{}

type GetSources func(labels map[string]string) (source []Source, err error)

type RegistryHosts func(reference.Spec) ([]docker.RegistryHost, error)

func FromDefaultLabels(hosts RegistryHosts) GetSources {
	return func(map[string]string) ([]Source, error) { return nil, nil }
}
EOF
  cat >"$S/snapshot/snapshot.go" <<'EOF'
// Package snapshot is a stand-in.
package snapshot

import (
	"context"
	"errors"

	"github.com/containerd/containerd/v2/core/snapshots"
)

var ErrUnsupported = errors.New("stargz snapshotter is not included in this build")

type FileSystem interface{}

type SnapshotterConfig struct{}

type Opt func(config *SnapshotterConfig) error

func AsynchronousRemove(*SnapshotterConfig) error { return nil }
func NoRestore(*SnapshotterConfig) error          { return nil }

func NewSnapshotter(ctx context.Context, root string, targetFs FileSystem, opts ...Opt) (snapshots.Snapshotter, error) {
	return nil, ErrUnsupported
}
EOF
  cat >"$S/fs/fs.go" <<'EOF'
// Package fs is a stand-in.
package fs

import (
	"github.com/containerd/stargz-snapshotter/fs/config"
	"github.com/containerd/stargz-snapshotter/fs/layer"
	"github.com/containerd/stargz-snapshotter/fs/source"
	"github.com/containerd/stargz-snapshotter/snapshot"
	"github.com/sirupsen/logrus"
)

type options struct{}

type Option func(*options)

func WithGetSources(source.GetSources) Option             { return func(*options) {} }
func WithMetricsLogLevel(logrus.Level) Option              { return func(*options) {} }
func WithOverlayOpaqueType(layer.OverlayOpaqueType) Option { return func(*options) {} }

func NewFilesystem(root string, cfg config.Config, opts ...Option) (snapshot.FileSystem, error) {
	return nil, snapshot.ErrUnsupported
}
EOF
}

# ---- 3. rootfs: debootstrap minbase + runc, git, ssh, pigz, xz; the binaries on top -----------------------------
rootfs() {
  local RF=$W/rootfs stamp="$ROOTFS_SUITE $ROOTFS_PKGS"
  if [ "$(cat "$W/rootfs.stamp" 2>/dev/null)" != "$stamp" ] || [ "${BUILDKIT_REBUILD:-0}" = 1 ]; then
    rm -rf "$RF" "$W/rootfs.stamp"
    step "debootstrapping the $ROOTFS_SUITE rootfs"
    debootstrap --variant=minbase --include="$ROOTFS_PKGS" --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
      "$ROOTFS_SUITE" "$RF" "$DEBIAN_ARCHIVE" >"$W/debootstrap.log" 2>&1 ||
      { tail -5 "$W/debootstrap.log" >&2; die "debootstrap $ROOTFS_SUITE failed; see $W/debootstrap.log"; }
    rm -rf "$RF"/var/cache/apt/archives/*.deb "$RF"/var/cache/apt/*.bin "$RF"/var/lib/apt/lists/* \
      "$RF"/usr/share/doc/* "$RF"/usr/share/man/* "$RF"/usr/share/locale/* "$RF"/var/log/*.log
    echo "$stamp" >"$W/rootfs.stamp"
  fi
  install -m 0755 "$W/bin/buildkitd" "$W/bin/buildctl" "$RF/usr/bin/"
  # The CDI spec dirs exist so buildkitd does not warn that it cannot watch them.
  mkdir -p "$RF/etc/buildkit/cdi" "$RF/etc/cdi" "$RF/run/cdi" "$RF/var/lib/buildkit" "$RF/run/buildkit"
}

# ---- 4. image: import when its inputs changed; make sure the registry has it ----------------------------------
image() {
  local RF=$W/rootfs inputs have version
  inputs=$({ sha256sum "$W/bin/buildkitd" "$W/bin/buildctl" | cut -c1-64; echo "$RECIPE"
    dpkg-query --admindir="$RF/var/lib/dpkg" -W -f '${Package} ${Version}\n'; } | sha256sum | cut -c1-32)
  have=$(docker image inspect -f '{{index .Config.Labels "org.debian.buildkit.inputs"}}' "$IMAGE" 2>/dev/null || true)
  if [ "$have" != "$inputs" ]; then
    version=$("$W/bin/buildkitd" --version | awk '{print $3}')
    log "importing $IMAGE (buildkitd $version)"
    tar --numeric-owner --xattrs -C "$RF" -cf - . | docker import \
      -c 'ENTRYPOINT ["buildkitd"]' \
      -c 'VOLUME /var/lib/buildkit' \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c "LABEL org.opencontainers.image.version=$version" \
      -c "LABEL org.opencontainers.image.description=\"buildkitd $version from Debian $SRC_SUITE, rootfs $ROOTFS_SUITE\"" \
      -c "LABEL org.debian.buildkit.inputs=$inputs" \
      - "$IMAGE" >/dev/null
  fi
  # The registry may have been wiped since: compare what it serves with the engine's image, push if they differ.
  local local_id remote_id
  local_id=$(docker image inspect -f '{{.Id}}' "$IMAGE")
  remote_id=$(docker buildx imagetools inspect --format '{{json .Manifest.Digest}}' "$IMAGE" 2>/dev/null | tr -d '"' || true)
  if [ "$local_id" != "$remote_id" ]; then
    log "pushing $IMAGE"
    docker push -q "$IMAGE" >/dev/null
  fi
}

if [ "${BUILDKIT_REBUILD:-0}" = 1 ] || ! built; then
  [ -n "${DEBIAN_ARCHIVE:-}" ] || die "no Debian archive to build from: scripts/e2e-env.sh reads it from /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; set DEBIAN_ARCHIVE on a machine whose apt sources have none"
  host_tools
  apt_setup
  step "downloading $SRC_SUITE's Go packages and docker.io's engine tarball"
  download
  step "compiling buildkitd and buildctl"
  compile
  rootfs
  echo "$RECIPE" >"$W/built"
else
  rootfs # already there: only refreshes the binaries in it
fi
image
log "ready: $IMAGE, $W/bin/buildkitd ($("$W/bin/buildkitd" --version | awk '{print $3}'); $(($(date +%s) - T0)) s)"
