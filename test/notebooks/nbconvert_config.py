# nbconvert config for test/notebooks/run.test.ts (passed with --config).
#
# tslab reports a failing cell (type error, throw, failed import) only as
# text on the cell's stderr stream plus an execute reply with status
# "error" and an empty message, so nbconvert's own failure message shows the
# cell source and "<Error>: " but not the reason. This hook runs when a cell
# fails and prints the cell index, source and its outputs as one JSON line
# that the test turns into a readable failure.
import json
import sys

c = get_config()  # noqa: F821 (injected by traitlets)


def _report(cell=None, cell_index=None, execute_reply=None, **_):
    content = (execute_reply or {}).get("content", {})
    outputs = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            outputs.append({"stream": o.get("name"), "text": o.get("text", "")})
        elif o.get("output_type") == "error":
            outputs.append({"error": f"{o.get('ename')}: {o.get('evalue')}", "traceback": o.get("traceback", [])})
    report = {
        "cell": cell_index,
        "source": cell.get("source", ""),
        "ename": content.get("ename"),
        "evalue": content.get("evalue"),
        "traceback": content.get("traceback", []),
        "outputs": outputs,
    }
    sys.stderr.write("MMFND_CELL_ERROR " + json.dumps(report) + "\n")
    sys.stderr.flush()


c.ExecutePreprocessor.on_cell_error = _report
