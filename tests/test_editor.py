"""An editor catches a wrong category and a misspelt tactic as you type.

Runs yaml-language-server (the engine of VS Code's YAML extension and of most other
editors' YAML support) from the project's npm tools, speaks the Language Server Protocol
to it over stdio, and reads the diagnostics it publishes for a broken entry.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import BASE, REPO, copy_tree

SERVER = REPO / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class LanguageServer:
    """A minimal LSP client: requests, notifications, answers to the server's requests."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.inbox: Queue[dict[str, Any]] = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body))

    def send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        stdin.flush()

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, uri: str, settings: dict[str, Any], wait: float = 30) -> list[Any]:
        """The first non-empty diagnostics published for `uri`, answering what the server asks."""
        while True:
            try:
                message = self.inbox.get(timeout=wait)
            except Empty:
                return []
            method = message.get("method")
            if "id" in message and method:  # a request from the server: answer it
                result: Any = None
                if method == "workspace/configuration":
                    result = [settings for _ in message["params"]["items"]]
                self.send({"id": message["id"], "result": result})
            elif method == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and params["diagnostics"]:
                    return list(params["diagnostics"])

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Any:
    node = shutil.which("node")
    if node is None or not SERVER.exists():
        message = "Node.js tools are missing: run `make test` (npm ci) to install them"
        if os.environ.get("PLAYBOOK_REQUIRE_NODE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    instance = LanguageServer([node, str(SERVER), "--stdio"], tmp_path)
    yield instance
    instance.close()


def test_editor_flags_a_wrong_category_and_a_misspelt_tactic(
    server: LanguageServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the modeline and `playbook schema`, both mistakes are underlined, by line."""
    content = copy_tree(BASE, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["schema"]).exit_code == 0
    entry = content / "scenarios" / "late-payment.yml"
    text = "# yaml-language-server: $schema=../../schema/scenario.json\n" + entry.read_text(
        encoding="utf-8"
    )
    text = text.replace("category: payment", "category: deadlinez")
    text = text.replace(
        "tactic: paper-trail\n    do: Collect", "tactic: paper-trial\n    do: Collect"
    )
    lines = text.splitlines()
    wrong = {i for i, line in enumerate(lines) if "deadlinez" in line or "paper-trial" in line}
    assert len(wrong) == 2

    settings = {"validate": True, "schemaStore": {"enable": False}, "completion": True}
    server.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": tmp_path.as_uri(),
            "capabilities": {"workspace": {"configuration": True}},
        },
    )
    server.notify("initialized", {})
    server.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})
    uri = entry.as_uri()
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    found = server.diagnostics(uri, settings)
    flagged = {d["range"]["start"]["line"] for d in found}
    assert wrong <= flagged, found
    assert all("Valid values" in d["message"] for d in found), found
