#!/usr/bin/env bash
# npm run notebooks [-- --out DIR] [notebooks/01-bmlhf.ipynb ...]
#
# Executes the notebooks headless with the tslab kernel. Without --out they
# are rewritten IN PLACE (outputs and figures inline, so a reader browsing
# the repository sees them); with --out DIR the executed copies go to DIR and
# the committed notebooks are left alone (cells still run from notebooks/,
# so their relative imports resolve). Seeds are fixed in every notebook, so
# a re-run changes only timing lines. Execution counts are numbered 1, 2, …
# in cell order and nbclient's timestamps dropped (scripts/notebook-strip-timing.py).
# Needs the one-time Jupyter setup: scripts/jupyter-setup.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export JUPYTER_PATH="$PWD/.jupyter-test/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
out=""
files=()
while (($#)); do
  case "$1" in
    --out) [[ $# -ge 2 ]] || { echo "notebooks: --out needs a directory" >&2; exit 2; }; out="$2"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) echo "notebooks: unknown option $1 (known: --out DIR)" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
if ! "$PY" -m jupyter kernelspec list 2>/dev/null | grep -qE '^\s*tslab\b'; then
  echo "notebooks: no tslab kernel spec on JUPYTER_PATH; run scripts/jupyter-setup.sh first" >&2
  exit 2
fi
[[ ${#files[@]} -gt 0 ]] || files=(notebooks/*.ipynb)
written=()
for nb in "${files[@]}"; do
  t0=$SECONDS
  if [[ -n $out ]]; then
    mkdir -p "$out"
    dest=(--output-dir "$out")
    written+=("$out/$(basename "$nb")")
  else
    dest=(--inplace)
    written+=("$nb")
  fi
  "$PY" -m jupyter nbconvert --to notebook --execute "${dest[@]}" \
    --config test/notebooks/nbconvert_config.py \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout="${MMFND_NOTEBOOK_TIMEOUT_S:-600}" "$nb"
  echo "notebooks: $nb executed ($((SECONDS - t0)) s) → ${written[-1]}"
done
# no timestamps in committed files: a re-run should change only what the cells print
"$PY" scripts/notebook-strip-timing.py "${written[@]}"
