#!/usr/bin/env bash
# Builds a local stand-in for the Dockerfile's base image (node:20-bookworm-slim) when no registry is
# reachable: a Debian bookworm minbase rootfs (debootstrap) holding this machine's own Node and npm,
# tagged with the real image's name so `buildah build --pull=false` uses it. It says nothing about the
# real base's size. Recipe and caveats: shared notes "containers". Idempotent: exits at once when the
# tag exists. Usage: bash scripts/container/standin-base.sh [IMAGE]
set -euo pipefail
image="${1:-docker.io/library/node:20-bookworm-slim}"
bah() { buildah --storage-driver vfs "$@"; }
log() { printf '[standin-base] %s\n' "$*"; }

if bah inspect --type image "$image" >/dev/null 2>&1; then
  log "$image already present"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "[standin-base] needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "[standin-base] debootstrap missing (apt-get install debootstrap)" >&2; exit 1; }

started=$SECONDS
work="$(mktemp -d /tmp/mockgpt-standin.XXXXXX)"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mirror="$(grep -rhs '^URIs:' /etc/apt/sources.list.d/ | awk '{print $2}' | grep -m1 'debian/\?$' || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
log "debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

node_bin="$(readlink -f "$(command -v node)")"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
install -D -m 755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
# The npm registry is reached through a proxy whose CA only the host's bundle holds.
install -D -m 644 /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
# The real image's user: node, uid/gid 1000.
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

c="$(bah from scratch)"
bah copy "$c" "$rootfs" / >/dev/null
bah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --env NODE_VERSION="$(node -p process.versions.node)" \
  --cmd node "$c"
bah commit --quiet "$c" "$image" >/dev/null
bah rm "$c" >/dev/null
log "$image built in $((SECONDS - started)) s (stand-in: node $(node --version), Debian bookworm minbase)"
