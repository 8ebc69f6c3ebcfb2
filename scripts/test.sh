#!/usr/bin/env bash
# The test command (`npm test`, the README's quick start and .ci/run): installs what the tests need on a
# fresh machine, then runs the whole suite on Node 24. Extra arguments go to vitest (`npm test -- test/cli`).
set -euo pipefail
cd "$(dirname "$0")/.."

# Real services the integration tests start on 127.0.0.1, from Debian's packages.
declare -A PACKAGE_OF=([nginx]=nginx [prometheus]=prometheus [sshd]=openssh-server [ssh]=openssh-client [ssh-keygen]=openssh-client)
missing=()
for bin in "${!PACKAGE_OF[@]}"; do
  if ! command -v "$bin" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$bin" ]; then missing+=("${PACKAGE_OF[$bin]}"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages the tests need: $packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    echo "Installing Debian packages the tests need: $packages"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    echo "The tests start real servers and need: $packages. Install them, then run npm test again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $packages" >&2
    exit 1
  fi
fi

# npm packages, including Node 24 itself (the node@24 package), when missing or older than the lockfile.
if [ ! -x node_modules/.bin/vitest ] || [ ! -x node_modules/node/bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# Node 24 first on PATH: the runtime `runs.using: node24` gives actions on GitHub.
export PATH="$PWD/node_modules/.bin:$PATH"
node_version=$(node --version)
case "$node_version" in
  v24.*) ;;
  *) echo "Expected Node 24 from node_modules/.bin (the node@24 package), found $node_version. Run: npm ci" >&2; exit 1 ;;
esac
exec vitest run "$@"
