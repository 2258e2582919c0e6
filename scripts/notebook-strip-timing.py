"""Executed notebooks, in place: drop nbclient's per-cell execution timestamps (cell.metadata.execution), and
number the code cells 1, 2, … in order as nbclient ran them (the tslab kernel leaves execution_count null, so
every cell would read "In [ ]:" although it ran). Only for notebooks just executed (scripts/notebooks.sh)."""
import json
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    n = 0
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        # nbclient runs every code cell with a source, in order (it skips empty ones)
        if cell.get("cell_type") == "code" and "".join(cell.get("source", "")).strip():
            n += 1
            cell["execution_count"] = n
            for o in cell.get("outputs", []):
                if o.get("output_type") == "execute_result":
                    o["execution_count"] = n
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
