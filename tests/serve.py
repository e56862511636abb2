"""Start Datasette as people get it (read-only, immutable, time limit) on a free loopback port."""
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(database, sql_time_limit_ms=2000, timeout=60):
    """Yield the base URL of a Datasette serving database with metadata.yml."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(database), "-m", str(ROOT / "metadata.yml"),
               "--plugins-dir", str(ROOT / "plugins"), "--template-dir", str(ROOT / "templates"),
               "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", str(sql_time_limit_ms),
               "--setting", "max_returned_rows", "200", "--setting", "suggest_facets", "off",
               "--setting", "default_page_size", "25"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError("Datasette did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
