"""A database rebuilt under `make serve`: which answers come from which build.

    .venv/bin/python bench/rebuild_switch.py [--clients 6]

Serves a 5-article nato.db with the command `make serve` runs, asks
`select count(*) from articles` in a loop from one client, replaces the file
as the build does (os.replace of a 180-article database) and then asks from
more clients, so that SQL threads open new connections after the switch.
Prints the answers in the order they were asked, run-length encoded.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from test_site_limits import Answers, articles_db, compress, make_serve  # noqa: E402


def main(clients: int) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "nato.db"
    articles_db(path, 5)
    with make_serve(path) as base:
        url = base + "/nato.json?sql=select+count(*)+as+n+from+articles&_shape=array"
        with Answers(url, clients=1) as one:
            time.sleep(2)
            articles_db(folder / "new.db", 180)
            replaced = time.monotonic()
            os.replace(folder / "new.db", path)
            with Answers(url, clients=clients) as more:
                time.sleep(8)
    answers = sorted(one.answers + more.answers)
    after = [(asked, answer) for asked, answer in answers if asked >= replaced]
    first_new = next((asked for asked, answer in after if answer == 180), None)
    runs = compress([answer for asked, answer in after])
    served = [answer for answer, _ in runs if answer in (5, 180)]
    changes = sum(1 for a, b in zip(served, served[1:]) if a != b)
    print("before the switch:", compress([answer for asked, answer in answers if asked < replaced]))
    print("after the switch: ", runs[:12], "..." if len(runs) > 12 else "")
    print(f"{changes} changes between old (5) and new (180) answers after the switch; last answer {after[-1][1]}")
    if first_new is None:
        print("no new answer")
    else:
        print(f"first new answer asked {first_new - replaced:.2f} s after the switch")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=6)
    main(parser.parse_args().clients)
