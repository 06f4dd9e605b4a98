"""A local HTTP server on 127.0.0.1 that answers like EDGAR from the recorded responses in fixtures/,
with faults a test can script (429 with Retry-After, 5xx, a connection cut mid-file) and a log of
every request (arrival time, path, User-Agent)."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
_FILING = re.compile(r"^/Archives/edgar/data/\d+/(?:\d{18}/)?(\d{10}-\d{2}-\d{6})\.txt$")
_SUBMISSIONS = re.compile(r"^/submissions/(CIK\d{10}(?:-submissions-\d{3})?\.json)$")
_DAILY = re.compile(r"^/Archives/edgar/daily-index/\d{4}/QTR[1-4]/(master\.\d{8}\.idx)$")


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    user_agent: str


@dataclass
class EdgarServer:
    url: str = ""
    hits: list[Hit] = field(default_factory=list)
    #: path -> faults to play, one per request, in order ("429:<seconds>", "500", "503", "cut", "403")
    faults: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self, prefix: str = "") -> list[str]:
        return [h.path for h in self.hits if h.path.startswith(prefix)]

    def fault(self, path: str, *faults: str) -> None:
        self.faults.setdefault(path, []).extend(faults)

    def take_fault(self, path: str) -> str | None:
        with self.lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else None


def _body_for(path: str) -> tuple[bytes, str] | None:
    if path == "/files/company_tickers.json":
        return (FIXTURES / "company_tickers.json").read_bytes(), "application/json"
    for pattern, kind in ((_SUBMISSIONS, "application/json"), (_DAILY, "text/plain"), (_FILING, "text/plain")):
        m = pattern.match(path)
        if m:
            name = m.group(1) + (".txt" if pattern is _FILING else "")
            file = FIXTURES / name
            return (file.read_bytes(), kind) if file.is_file() else None
    return None


def make_handler(state: EdgarServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _send(
            self, status: int, body: bytes, kind: str = "text/plain", headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            ua = self.headers.get("User-Agent", "")
            with state.lock:
                state.hits.append(Hit(time.monotonic(), self.path, ua))
            if "@" not in ua:  # what EDGAR does to a request that does not say who is asking
                self._send(403, b"<html><h1>Your Request Originates from an Undeclared Automated Tool</h1></html>")
                return
            fault = state.take_fault(self.path)
            if fault and fault.startswith("429"):
                wait = fault.partition(":")[2] or "1"
                self._send(429, b"Too Many Requests", headers={"Retry-After": wait})
                return
            if fault and fault.isdigit():
                self._send(int(fault), b"Service Unavailable")
                return
            found = _body_for(self.path)
            if found is None:
                self._send(404, b"<html>Not Found</html>", "text/html")
                return
            body, kind = found
            if fault == "cut":  # promise the whole body, send half, hang up
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self._send(200, body, kind)

    return Handler


class RunningServer:
    def __init__(self) -> None:
        self.state = EdgarServer()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self.state))
        self.httpd.daemon_threads = True
        self.state.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
