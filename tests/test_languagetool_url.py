"""summary.json records the LanguageTool server a run used, also when it was the default
(it recorded ``languagetool_url: null``). A stand-in server answers the two requests the
adapter makes (no Java needed); the real server's tests are in test_languagetool.py."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

import mtaudit
from mtaudit.config import AuditConfig


class _LanguageTool(BaseHTTPRequestHandler):
    """/v2/languages and /v2/check, with no findings."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._json({"software": {"name": "LanguageTool"}, "matches": []})

    def _json(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _LanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_default_server_is_recorded(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hyp = tmp_path / "doc.txt"
    hyp.write_text("The port reopened on Monday.\n", encoding="utf-8")
    monkeypatch.delenv("MTAUDIT_LT_URL", raising=False)
    monkeypatch.setenv("MTAUDIT_LT_PORT", server.rsplit(":", 1)[1])  # the default URL, on this port
    result = mtaudit.audit(hyp, config=AuditConfig(grammar="languagetool", bootstrap=1, formats=()))
    assert result.summary.config["languagetool_url"] == server
    given = mtaudit.audit(hyp, config=AuditConfig(grammar="languagetool", languagetool_url=server + "/",
                                                  bootstrap=1, formats=()))
    assert given.summary.config["languagetool_url"] == server + "/"  # as given
    harper = mtaudit.audit(hyp, config=AuditConfig(bootstrap=1, formats=()))
    assert harper.summary.config["languagetool_url"] is None  # no server used
