"""A raw UTF-8 character in a URL, over a real gunicorn: the dev server `ocop serve` (what `make
run` starts) started by the test. gunicorn refuses a request target that is not printable
ASCII (RFC 9112 section 3.2) with a 400 before the app sees it, and no setting permits it; so
the pages must never lead a browser to such a URL: every link, form and redirect they make is
percent-encoded, and each of them is answered."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote
from uuid import UUID

import pytest

from marketplace.application import Marketplace
from marketplace.config import Settings
from tests.conftest import TEST_CONFIG
from tests.e2e.conftest import PASSWORD

SEARCH = "Giỏ mây"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw(port: int, method: str, target: bytes, headers: dict | None = None, body: bytes = b""):
    """Send the request line as given (bytes, not encoded by any client library): the
    status, the headers (lower-case names) and the body."""
    lines = [method.encode() + b" " + target + b" HTTP/1.1", f"Host: 127.0.0.1:{port}".encode()]
    lines.append(b"Connection: close")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}".encode("latin-1"))
    if body:
        lines.append(f"Content-Length: {len(body)}".encode())
    with socket.create_connection(("127.0.0.1", port), timeout=20) as connection:
        connection.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, content = answer.partition(b"\r\n\r\n")
    status, *fields = head.decode("latin-1").split("\r\n")
    found = {}
    for field in fields:
        name, _, value = field.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    return int(status.split()[1]), found, content


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`ocop serve` on a free port over a SQLite store with an officer and a product named
    with Vietnamese letters; its port."""
    store = tmp_path_factory.mktemp("gunicorn") / "ocop.sqlite3"
    env = {**os.environ, **TEST_CONFIG, "OCOP_DATABASE_URL": f"sqlite:///{store}"}
    market = Marketplace.from_settings(Settings.from_env(env))
    try:
        market.register_user("hoa", "officer", PASSWORD)
        producer = market.register_producer("HTX Mây tre", "cooperative", "Hà Nội", "Phú Nghĩa")
        market.register_product(UUID(producer["id"]), "Giỏ mây Phú Vinh", "handicraft", "chiếc", 1)
    finally:
        market.close()
    port = free_port()
    ocop = Path(sys.executable).parent / "ocop"
    process = subprocess.Popen(
        [str(ocop), "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if raw(port, "GET", b"/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def sign_in(port: int) -> dict[str, str]:
    """Sign in on the page as the officer: the session cookie to send."""
    status, headers, page = raw(port, "GET", b"/sign-in")
    cookie = headers["set-cookie"][0].split(";")[0]
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
    form = f"csrf_token={token}&username=hoa&password={quote(PASSWORD)}".encode()
    sent = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    status, headers, _ = raw(port, "POST", b"/sign-in", sent, form)
    assert status == 302, status
    return {"Cookie": headers["set-cookie"][0].split(";")[0]}


@pytest.mark.parametrize("path", ["/catalogue?q=", "/api/v1/catalogue?q=", "/p/"])
def test_gunicorn_answers_a_raw_utf8_character_in_the_url_400_and_the_encoded_one(server, path):
    assert raw(server, "GET", f"{path}{SEARCH.replace(' ', '')}".encode())[0] == 400
    assert raw(server, "GET", f"{path}{quote(SEARCH)}".encode())[0] in (200, 302, 401, 404)


def test_the_pages_lead_only_to_percent_encoded_urls_that_gunicorn_answers(server):
    searched = f"/catalogue?q={quote(SEARCH)}".encode()
    status, headers, _ = raw(server, "GET", searched)  # not signed in: to the sign-in page
    (to_sign_in,) = headers["location"]
    assert status == 302 and to_sign_in.isascii(), to_sign_in
    cookie = sign_in(server)
    status, _, page = raw(server, "GET", searched, cookie)
    assert status == 200 and "Giỏ mây Phú Vinh".encode() in page
    targets = {t.decode() for t in re.findall(rb'(?:href|action|src)="([^"#]+)"', page) if t != b""}
    assert {t for t in targets if not t.isascii()} == set()
    assert any(quote(SEARCH) in t or "q=Gi%E1%BB%8F" in t for t in targets), targets
    for target in sorted(t.replace("&amp;", "&") for t in targets if t.startswith("/")):
        assert raw(server, "GET", target.encode(), cookie)[0] != 400, target


def test_a_redirect_back_to_a_search_is_percent_encoded(server):
    cookie = sign_in(server)
    referrer = {"Referer": f"http://127.0.0.1:{server}/catalogue?q={quote(SEARCH)}", **cookie}
    status, headers, _ = raw(server, "GET", b"/language/en", referrer)
    (back,) = headers["location"]
    assert status == 302 and back.isascii() and quote(SEARCH) in back
    assert raw(server, "GET", back.encode(), cookie)[0] == 200
