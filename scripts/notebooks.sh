#!/usr/bin/env bash
# npm run notebooks [-- notebooks/01-bmlhf.ipynb ...]
#
# Re-executes the notebooks IN PLACE (outputs and figures inline, so a reader
# browsing the repository sees them) with the tslab kernel, headless. Seeds
# are fixed in every notebook, so a re-run changes only timing lines.
# Needs the one-time Jupyter setup: scripts/jupyter-setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JUPYTER_PATH="$PWD/.jupyter-test/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
if ! "$PY" -m jupyter kernelspec list 2>/dev/null | grep -qE '^\s*tslab\b'; then
  echo "notebooks: no tslab kernel spec on JUPYTER_PATH; run scripts/jupyter-setup.sh first" >&2
  exit 2
fi
files=("$@")
[[ ${#files[@]} -gt 0 ]] || files=(notebooks/*.ipynb)
for nb in "${files[@]}"; do
  t0=$SECONDS
  "$PY" -m jupyter nbconvert --to notebook --execute --inplace \
    --config test/notebooks/nbconvert_config.py \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout="${MMFND_NOTEBOOK_TIMEOUT_S:-600}" "$nb"
  echo "notebooks: $nb executed in place ($((SECONDS - t0)) s)"
done
# no timestamps in committed files: a re-run should change only what the cells print
"$PY" scripts/notebook-strip-timing.py "${files[@]}"
