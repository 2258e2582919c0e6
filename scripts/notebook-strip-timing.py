"""Drop nbclient's per-cell execution timestamps (cell.metadata.execution) from notebooks, in place."""
import json
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
