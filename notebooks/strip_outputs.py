#!/usr/bin/env python3
"""Removes outputs, execution counts and run metadata (timings, the kernel's language details) from notebooks,
so that git holds only their sources.

    python3 notebooks/strip_outputs.py notebooks/*.ipynb           # strip in place
    python3 notebooks/strip_outputs.py --check notebooks/*.ipynb   # exit 1 and name every notebook that has outputs

Standard library only (any python3 will do). Writes the layout Jupyter itself writes (sorted keys, indent 1), so
a stripped notebook saved again from Jupyter shows no spurious diff.
"""
import json
import sys

CELL_RUN_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled")
NOTEBOOK_RUN_METADATA = ("widgets",)


def stripped(notebook):
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in CELL_RUN_METADATA:
            cell.get("metadata", {}).pop(key, None)
    metadata = notebook.get("metadata", {})
    for key in NOTEBOOK_RUN_METADATA:
        metadata.pop(key, None)
    if "language_info" in metadata:  # the kernel fills in its Python version etc. on every run
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    return notebook


def text(notebook):
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(args):
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    dirty = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            original = f.read()
        clean = text(stripped(json.loads(original)))
        if clean != original:
            dirty.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(clean)
    for path in dirty:
        print(("has outputs or run metadata: " if check else "stripped: ") + path)
    return 1 if check and dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
