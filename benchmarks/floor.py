"""The parse floor: read every entry of a content tree and load it with libyaml alone.

Prints the wall and CPU seconds spent inside the process (finding, reading and loading the
files) and how many files it read, so the benchmark can compare `playbook check` with the
least work any YAML checker must do.
Usage: `python benchmarks/floor.py CONTENT_DIR`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import yaml


def parse_all(content: Path) -> list[Any]:
    """Every .yml file under `content` (hand-written pages aside), loaded with libyaml."""
    files = sorted(p for p in content.rglob("*.yml") if "pages" not in p.parts)
    return [yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in files]


if __name__ == "__main__":
    start, start_cpu = time.perf_counter(), time.process_time()
    documents = parse_all(Path(sys.argv[1]))
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    sys.stdout.write(f"{wall:.6f} {cpu:.6f} {len(documents)}\n")
