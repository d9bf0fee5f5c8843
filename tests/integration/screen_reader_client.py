"""The screen reader's side of test_screen_reader.py. Run by Debian's /usr/bin/python3 (pyatspi
is a system package, not in the venv) inside the test's own D-Bus session: it starts the
inspector (a real process, on the built-in demo API, on the test's Xvfb display), finds the
ID field, Fetch, the field tree and the run state through the AT-SPI accessibility tree,
types an ID, presses Fetch and reads the state and the tree back, as a screen reader would.

Prints one JSON line with what it found. Standard library and pyatspi only. Nothing is
waited for by sleeping: every step polls for its condition until a deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pyatspi

APP_NAME = "Toggl Entry Inspector"  # QCoreApplication.applicationName(), as AT-SPI lists it
ENTRY_ID = "5000000012"  # the demo's deleted entry
POLL_S = 0.02  # between two looks at the accessibility tree
STEP_TIMEOUT_S = 15.0
# Roles whose children are rows or items: not searched for controls (the demo list alone
# has 70 items, each a D-Bus call away).
ITEM_CONTAINERS = {"tree", "tree table", "list", "table", "menu bar", "page tab list"}
Found = TypeVar("Found")


def poll(what: str, look: Callable[[], Found | None], timeout: float = STEP_TIMEOUT_S) -> Found:
    """``look()`` until it finds something; TimeoutError naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = look()
        except Exception:  # the tree changes under a walk: an object went away
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} within {timeout} s")
        time.sleep(POLL_S)


def the_app() -> Any:
    for application in pyatspi.Registry.getDesktop(0):
        if application is not None and application.name == APP_NAME:
            return application
    return None


def controls(root: Any) -> list[Any]:
    """Every accessible object under ``root``, breadth first, not entering item lists."""
    found, queue = [], [root]
    while queue:
        node = queue.pop(0)
        found.append(node)
        if node.getRoleName() not in ITEM_CONTAINERS:
            queue.extend(child for child in node if child is not None)
    return found


def find_parts(app: Any) -> dict[str, Any] | None:
    wanted: dict[str, Callable[[Any], bool]] = {
        "id_field": lambda a: a.getRoleName() == "text" and a.name == "Time entry ID",
        "fetch": lambda a: a.getRoleName() == "push button" and a.name == "Fetch",
        "tree": lambda a: a.getRoleName() in ("tree", "tree table") and a.name == "Entry fields",
        "state": lambda a: a.getRoleName() == "label" and a.name.startswith("Run state"),
    }
    parts: dict[str, Any] = {}
    for node in controls(app):
        for key, matches in wanted.items():
            if key not in parts and matches(node):
                parts[key] = node
    return parts if len(parts) == len(wanted) else None


def enabled(node: Any) -> bool:
    return bool(node.getState().contains(pyatspi.STATE_ENABLED))


def press(button: Any) -> None:
    action = button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press"))


def tree_cells(tree: Any, rows: int = 12) -> list[list[str]]:
    table = tree.queryTable()
    return [
        [table.getAccessibleAt(row, column).name for column in range(table.nColumns)]
        for row in range(min(rows, table.nRows))
    ]


def read_by_screen_reader(started: float) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    app = poll("application named " + APP_NAME, the_app)
    facts["app_listed_s"] = round(time.monotonic() - started, 2)
    parts = poll("ID field, Fetch, tree and run state", lambda: find_parts(app))
    facts["found_s"] = round(time.monotonic() - started, 2)
    id_field, fetch, tree, state = (parts[k] for k in ("id_field", "fetch", "tree", "state"))
    facts["roles"] = {key: node.getRoleName() for key, node in parts.items()}
    facts["descriptions"] = {key: node.description for key, node in parts.items()}
    facts["state_before"] = state.name
    # Fetch is enabled once the lookup machinery has loaded, after the first paint.
    poll("Fetch enabled", lambda: enabled(fetch))

    id_field.queryEditableText().setTextContents(ENTRY_ID)
    facts["typed"] = poll("the typed ID", lambda: id_field.queryText().getText(0, -1))
    press(fetch)
    facts["state"] = poll(
        "a run state", lambda: state.name if state.name != facts["state_before"] else None
    )
    facts["state_read_s"] = round(time.monotonic() - started, 2)
    facts["tree"] = poll("rows in the tree", lambda: tree_cells(tree))
    return facts


def main() -> int:
    started = time.monotonic()
    app_log = open(os.environ["INSPECTOR_APP_LOG"], "wb")  # noqa: SIM115 (the app's lifetime)
    app = subprocess.Popen(
        [os.environ["INSPECTOR_APP_PYTHON"], "-m", "inspector", "--demo"],
        stdin=subprocess.DEVNULL,
        stdout=app_log,
        stderr=subprocess.STDOUT,
    )
    facts: dict[str, Any] = {}
    try:
        facts.update(read_by_screen_reader(started))
    except Exception as error:  # reported as a fact: the test names the step that failed
        facts["error"] = f"{type(error).__name__}: {error}"
    finally:
        app.terminate()  # the window closes on SIGTERM
        try:
            facts["app_exit"] = app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            facts["app_exit"] = f"killed after SIGTERM was ignored ({app.wait()})"
        app_log.close()
    facts["total_s"] = round(time.monotonic() - started, 2)
    print(json.dumps(facts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
