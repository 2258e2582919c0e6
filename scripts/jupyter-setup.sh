#!/usr/bin/env bash
# Installs what the notebook test (test/notebooks/run.test.ts) needs:
#   1. Jupyter (nbconvert + nbclient) from Debian packages — PyPI is not
#      reachable here, and `python3` on PATH may be a pyenv build without
#      Jupyter, so everything goes through /usr/bin/python3.
#   2. The tslab kernel spec under a project-local prefix (.jupyter-test/,
#      git-ignored), so nothing is written to ~/.local or /usr/share and the
#      kernel always points at this checkout's node_modules/.bin/tslab.
#
# Idempotent: apt runs only when a package is missing; the kernel spec is
# rewritten every time (cheap, and follows the checkout if it moved).
#
# Afterwards:  export JUPYTER_PATH="$PWD/.jupyter-test/share/jupyter"
set -euo pipefail

cd "$(dirname "$0")/.."
PREFIX="${MMFND_JUPYTER_PREFIX:-$PWD/.jupyter-test}"
PKGS=(jupyter-core jupyter-nbconvert jupyter-client python3-nbclient python3-ipython)

missing=()
for p in "${PKGS[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "[jupyter-setup] installing Debian packages: ${missing[*]}"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "[jupyter-setup] Debian packages present"
fi

if [[ ! -x node_modules/.bin/tslab ]]; then
  echo "[jupyter-setup] node_modules/.bin/tslab missing: run 'npm ci' first" >&2
  exit 1
fi

# tslab talks to Jupyter over ZeroMQ; the zeromq package ships prebuilt
# binaries (no install script needed) — fail here, not in the first notebook.
node -e "require('zeromq')" || {
  echo "[jupyter-setup] the zeromq native module does not load (node_modules/zeromq)" >&2
  exit 1
}

# --binary: a launcher that starts tslab from the repo root (see its header)
node_modules/.bin/tslab install --python /usr/bin/python3 --binary "$PWD/scripts/tslab-kernel" --prefix "$PREFIX" >/dev/null
export JUPYTER_PATH="$PREFIX/share/jupyter"
/usr/bin/python3 -m jupyter kernelspec list 2>/dev/null | grep -E '^\s*(tslab|jslab)\b' || {
  echo "[jupyter-setup] tslab kernel spec not found under $JUPYTER_PATH" >&2
  exit 1
}
echo "[jupyter-setup] ok — export JUPYTER_PATH=\"$JUPYTER_PATH\""
