"""Run `mkdocs serve` in this process, reporting after each load how many files it parsed.

The benchmark starts this, edits one scenario and reads the report from stderr:
`probe: parsed 1 of 1751 files in 0.012 s: content/scenarios/x.yml`.
Usage: `python benchmarks/serve_probe.py CONFIG HOST:PORT`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.__main__ import cli

from generator import load as load_module
from generator import plugin

_parsed: list[Path] = []
_real_parse = load_module.parse_file
_real_load = load_module.load  # the function the plugin imported


def _counting_parse(kind: str, path: Path) -> Any:
    _parsed.append(path)
    return _real_parse(kind, path)


def _counting_load(*args: Any, **kwargs: Any) -> Any:
    _parsed.clear()
    start = time.perf_counter()
    playbook = _real_load(*args, **kwargs)
    elapsed = time.perf_counter() - start
    total = 1 + sum(len(table) for table in _tables(playbook))
    names = ", ".join(str(p) for p in _parsed[:3]) + (" ..." if len(_parsed) > 3 else "")
    sys.stderr.write(f"probe: parsed {len(_parsed)} of {total} files in {elapsed:.3f} s: {names}\n")
    sys.stderr.flush()
    return playbook


def _tables(playbook: Any) -> list[dict[str, Any]]:
    return list(playbook.entries.values())


if __name__ == "__main__":
    config, address = sys.argv[1], sys.argv[2]
    # `load` looks up parse_file, and the plugin looks up load, when called: patch both.
    setattr(load_module, "parse_file", _counting_parse)  # noqa: B010
    setattr(plugin, "load", _counting_load)  # noqa: B010
    # As `make serve` runs it: --dirty re-renders only the pages an edit changed.
    cli(
        ["serve", "-f", config, "--livereload", "--dirty", "--dev-addr", address],
        prog_name="mkdocs",
    )
