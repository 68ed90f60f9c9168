"""Parsed files kept for the life of the process, keyed by path, size and modification time.

`mkdocs serve` rebuilds from scratch after every edit and re-creates the plugin each time,
so the cache lives at module level: a rebuild reads and validates again only the files
whose size or modification time changed, and reuses the rest. A result is a pure function
of the file's bytes (cross-references are checked later, across all entries), so reusing
it is safe while the bytes are unchanged.
"""

from __future__ import annotations

import atexit
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

# A file written twice within one tick of the file system's clock can keep its size and
# modification time while its bytes change. Results for files modified this recently are
# not kept, so a racing edit is never hidden (2 s covers the coarsest clocks, FAT's).
SETTLE_NS = 2_000_000_000

Key = tuple[str, int, int]

_entries: dict[Path, tuple[Key, Any]] = {}


def parse_all(parse: Callable[[str, Path], T], files: Iterable[tuple[str, Path]]) -> list[T]:
    """`parse(kind, path)` for every file, reusing the results kept for unchanged files.

    Call it with the collector paused (`collector_paused`), as `load` does.
    """
    return [cached(parse, kind, path) for kind, path in files]


def cached(parse: Callable[[str, Path], T], kind: str, path: Path) -> T:
    """`parse(kind, path)`, or the result kept from an earlier call on the unchanged file."""
    try:
        stat = path.stat()
    except OSError:
        return parse(kind, path)  # `parse` says why the file cannot be read
    key = (kind, stat.st_size, stat.st_mtime_ns)
    kept = _entries.get(path)
    if kept is not None and kept[0] == key:
        return cast(T, kept[1])
    result = parse(kind, path)
    if time.time_ns() - stat.st_mtime_ns >= SETTLE_NS:
        _entries[path] = (key, result)
    else:
        _entries.pop(path, None)
    return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; reference counting frees memory as usual.

    Parsing makes millions of small objects and no reference cycles: the collector walked
    them again and again and found nothing, a quarter of `load` at 5,000 scenarios.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def loading_once() -> Iterator[None]:
    """For a command that loads the content once, then ends, such as `playbook check`.

    Loading makes no reference cycles, so the collector is paused throughout (once
    running again, its first pass would walk every object made meanwhile: a tenth of
    the check at 1,000 situations), and the parsed files are let go before it resumes.
    """
    with collector_paused():
        try:
            yield
        finally:
            clear()


def clear() -> None:
    """Forget every kept result (for tests, or to free memory)."""
    _entries.clear()


# Let go of the results before the interpreter's final garbage collections, which would
# otherwise walk every one of them: a second of `playbook check` at 5,000 scenarios.
atexit.register(clear)
