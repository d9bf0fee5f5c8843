"""The demo API in its own process, as the real API would be: its threads do not compete
with the app for the interpreter. Prints its URL and token, serves until killed."""

from __future__ import annotations

import json
import sys
import threading

from benchmarks.entries import (
    HUGE_ID,
    LONG_STRINGS_ID,
    SLOW_ID,
    huge_entry,
    long_strings_entry,
    slow_entry,
)
from inspector.demo.server import DemoServer


def main() -> None:
    server = DemoServer(
        delays={SLOW_ID: 1.0},
        extra_entries={
            SLOW_ID: slow_entry(),
            HUGE_ID: huge_entry(),
            LONG_STRINGS_ID: long_strings_entry(),
        },
    )
    with server:
        print(json.dumps({"url": server.url, "token": server.token}), flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
