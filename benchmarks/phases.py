"""Where the generator's time goes, phase by phase, in one process.

Prints one JSON object of CPU seconds: the libyaml floor, reading with positions, each file's
checks and validation, cross-references, and rendering the pages.
Usage: `python benchmarks/phases.py CONTENT_DIR TEMPLATES_DIR`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from floor import parse_all

from generator import parsecache
from generator.load import discover, load, parse_file
from generator.render import render
from generator.yamlread import read_entry


def timed(step: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of `step` (steadier than wall time on a busy machine), and its result."""
    start = time.process_time()
    result = step()
    return time.process_time() - start, result


def phases(content: Path, templates: Path) -> dict[str, float]:
    files, _ = discover(content)
    out: dict[str, float] = {}
    out["libyaml load, the floor"], _ = timed(lambda: parse_all(content))
    out["read with positions (yamlread)"], _ = timed(
        lambda: [read_entry(path, path.read_bytes()) for _, path in files]
    )
    out["read, check texts, validate: parse_file"], _ = timed(
        lambda: [parse_file(kind, path) for kind, path in files]
    )
    parsecache.clear()
    out["parse_file for all, then cross-references: load"], playbook = timed(lambda: load(content))
    out["render every page"], _ = timed(lambda: render(playbook, templates))
    return out


if __name__ == "__main__":
    result = phases(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stdout.write(json.dumps(result) + "\n")
