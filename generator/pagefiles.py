"""Generated pages kept as files, rewritten only when their bytes change: fast previews.

`mkdocs serve --dirty` re-renders only the pages whose source file is newer than the
HTML it built before. Generated pages have no source file of their own, so they would
all count as changed; written here instead, a page keeps its modification time until its
Markdown changes, and an edit re-renders just the pages it touched.

Some changes reach every page without changing their Markdown: the navigation (the
vocabulary, the hand-written pages, mkdocs.yml) and the theme. `sync` is given a stamp
of those, and when it differs from the last one, every file is rewritten, so MkDocs
rebuilds every page, as a full build would.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

STAMP = ".stamp"


class PageFiles:
    """A folder of generated files that mirrors the site's generated pages."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # What this object last wrote or found in each file: a later sync compares with
        # it in memory instead of reading thousands of files back.
        self._known: dict[str, str | bytes] = {}
        self._synced: set[str] = set()

    def sync(self, files: Mapping[str, str | bytes], stamp: str) -> list[str]:
        """Write `files`; return the paths written (changed, new, or all on a new stamp)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp_file = self.folder / STAMP
        everything = not stamp_file.is_file() or stamp_file.read_text("utf-8") != stamp
        if everything:
            self._known.clear()
        written = []
        for rel, content in files.items():
            target = self.folder / rel
            if not everything and self._same(rel, content, target):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            self._known[rel] = content
            written.append(rel)
        if everything or self._synced != files.keys():
            self._remove_others(set(files))
        self._synced = set(files)
        stamp_file.write_text(stamp, encoding="utf-8")
        return written

    def _same(self, rel: str, content: str | bytes, target: Path) -> bool:
        """Whether `target` already holds `content`."""
        known = self._known.get(rel)
        if known is not None:  # what this object wrote there, or found there
            return (known is content or known == content) and target.is_file()
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            self._known[rel] = content
            return True
        return False

    def _remove_others(self, keep: set[str]) -> None:
        found = {p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*")}
        gone = {rel for rel in found - keep - {STAMP} if (self.folder / rel).is_file()}
        remove_files(self.folder, gone)
        for rel in gone:
            self._known.pop(rel, None)


def remove_files(folder: Path, gone: Iterable[str]) -> None:
    """Delete files (relative to `folder`), and the folders they leave empty."""
    for rel in sorted(gone):
        path = folder / rel
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != folder and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def stamp_of(paths: Iterable[str], watched: Iterable[Path]) -> str:
    """A fingerprint of the set of pages and of every file under `watched` (names, times)."""
    digest = hashlib.sha256()
    for name in sorted(paths):
        digest.update(name.encode("utf-8") + b"\0")
    for root in watched:
        found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for file in found:
            stat = file.stat()
            digest.update(f"{file}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def pages_folder(config_dir: Path) -> Path:
    """Where `mkdocs serve --dirty` keeps the generated pages (git-ignored)."""
    return Path(os.environ.get("PLAYBOOK_PAGE_CACHE", config_dir / ".cache" / "pages"))
