"""What one hostile request costs the server: time, bytes sent and the server's peak RSS.

    .venv/bin/python bench/answer_cost.py nato.db

Starts Datasette as `make serve` does (read-only, the project's plugins and
settings), sends each request once and reads the server's VmHWM from /proc.
"""
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from serve import free_port  # noqa: E402

REQUESTS = [
    "/nato.json?sql=select+hex(zeroblob(50000000))+from+sentences+limit+20",
    "/nato.json?sql=select+hex(zeroblob(16000000))+from+sentences+limit+20",
    "/nato.json?sql=select+hex(zeroblob(8000000)),hex(zeroblob(8000000)),hex(zeroblob(8000000)),"
    "hex(zeroblob(8000000))+from+sentences+limit+20",
    "/nato.csv?sql=select+hex(zeroblob(16000000))+from+sentences&_stream=on",
]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start(database: str):
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", database, "-m", str(ROOT / "metadata.yml"),
               "--plugins-dir", str(ROOT / "plugins"), "--template-dir", str(ROOT / "templates"),
               "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "2000",
               "--setting", "max_returned_rows", "200", "--setting", "suggest_facets", "off",
               "--setting", "default_page_size", "25"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("Datasette did not start")


def measure(process, base: str, path: str) -> None:
    """One request in a fresh server, so VmHWM is this request's peak."""
    before = peak_rss_mb(process.pid)
    start_time = time.perf_counter()
    size, head = 0, b""
    with httpx.stream("GET", base + path, timeout=300) as response:
        for chunk in response.iter_bytes():
            head = head or chunk[:150]
            size += len(chunk)
    elapsed = time.perf_counter() - start_time
    print(f"{path}\n  status {response.status_code}, {size / 1e6:.1f} MB in {elapsed:.1f} s, "
          f"server peak RSS {before:.0f} -> {peak_rss_mb(process.pid):.0f} MB; starts {head!r}")


def main(database: str) -> None:
    for path in REQUESTS:
        process, base = start(database)
        try:
            measure(process, base, path)
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "nato.db")
