"""`toggl-inspector --self-test`: prove a build works, from inside it.

Runs the real GUI code path against the built-in demo API (offscreen): one lookup through
the window, then checks what a missing hidden import or data file would break: the tree,
the icon (SVG plugin), fonts, the keyring backends, the raw JSON, a sign-in through the
dialog, and the local socket of one window per user. Prints one line per check and exits 0
only if all pass.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtGui import QFontDatabase

from inspector.services import LookupResult
from inspector.ui.main_window import MainWindow

SELF_TEST_ENTRY_ID = 5_000_000_006  # shared with three users: exercises the sub-tree


def _check_lookup(window: MainWindow, outcome: object) -> str:
    if not isinstance(outcome, LookupResult):
        raise AssertionError(f"lookup failed: {outcome}")
    return f"entry {outcome.request.entry_id} in {outcome.record.elapsed_ms:.0f} ms"


def _check_tree(window: MainWindow) -> str:
    model = window.entry_panel.tree.entry_model
    groups = {model.index(row, 0).data(): model.index(row, 0) for row in range(model.rowCount())}
    sharing = groups.get("Sharing")
    if sharing is None:
        raise AssertionError(f"no Sharing group among {sorted(groups)}")
    shared_with = next(
        model.index(row, 0, sharing)
        for row in range(model.rowCount(sharing))
        if model.index(row, 0, sharing).data() == "shared_with"
    )
    users = model.rowCount(shared_with)
    if users != 3:
        raise AssertionError(f"shared_with has {users} users, expected 3")
    state = window.entry_panel.run_state_label.text()
    if not state.startswith("Stopped"):
        raise AssertionError(f"run state {state!r}")
    return f"{len(groups)} groups, shared_with {users} users, {state!r}"


def _check_raw_json(window: MainWindow) -> str:
    window.entry_panel.tabs.setCurrentWidget(window.entry_panel.raw_view)  # filled when shown
    value = json.loads(window.entry_panel.raw_view.toPlainText())
    return f"{len(value)} fields"


def _check_icon(window: MainWindow) -> str:
    image = window.windowIcon().pixmap(64, 64).toImage()
    if image.isNull() or image.pixelColor(6, 32).alpha() != 255:
        raise AssertionError("the SVG icon did not render (image format plugin missing?)")
    return "SVG rendered"


def _check_fonts(window: MainWindow) -> str:
    families = QFontDatabase.families()
    if not families:
        raise AssertionError("no fonts: text would render as boxes")
    return f"{len(families)} font families"


def _check_keyring(window: MainWindow) -> str:
    import keyring
    import keyring.backend

    platform_backend = {
        "linux": "keyring.backends.SecretService",
        "darwin": "keyring.backends.macOS",
        "win32": "keyring.backends.Windows",
    }.get(sys.platform)
    if platform_backend:
        __import__(platform_backend)

    def named(backend: object) -> str:
        module = type(backend).__module__.rsplit(".", 1)[-1]
        return f"{module}.{type(backend).__name__}"

    backends = [named(backend) for backend in keyring.backend.get_all_keyring()]
    active = type(keyring.get_keyring()).__module__
    return f"active {active}; usable here: {', '.join(backends) or 'none'}"


async def check_reports_search(window: MainWindow) -> str:
    """The Reports API search (its request, pages and mapping) for an entry v9 cannot reach."""
    from inspector.demo.dataset import DEMO_WORKSPACE_ID
    from inspector.demo.reports import OLD_GROUPED_ID
    from inspector.services import ReportsRequest
    from inspector.services.reports import ReportsSearch

    assert window.entry_lookup is not None
    result = await ReportsSearch(window.entry_lookup).search(
        ReportsRequest(OLD_GROUPED_ID, DEMO_WORKSPACE_ID)
    )
    if result.view.entry_id != OLD_GROUPED_ID:
        raise AssertionError(f"found {result.view.entry_id}, not {OLD_GROUPED_ID}")
    where = result.found_in.label if result.found_in else "?"
    return f"entry {OLD_GROUPED_ID} found in {where} ({result.requests} requests)"


async def check_sign_in(window: MainWindow) -> str:
    """The sign-in dialog, /me and the account code, as a person would use them (the demo
    keeps sign-ins in memory: the computer's keyring is not touched)."""
    import asyncio

    from inspector.demo.account import TESTER_EMAIL, TESTER_PASSWORD

    signed_in = asyncio.Event()
    window.accounts.signed_in.connect(signed_in.set)
    dialog = window.accounts.open_sign_in()
    dialog.password_mode.setChecked(True)
    dialog.email_input.setText(TESTER_EMAIL)
    dialog.password_input.setText(TESTER_PASSWORD)
    dialog.sign_in_button.click()
    try:
        await asyncio.wait_for(signed_in.wait(), timeout=10)
    except TimeoutError:
        raise AssertionError(f"not signed in: {dialog.message.text()!r}") from None
    return window.accounts.label.full_text


async def check_one_window(window: MainWindow) -> str:
    """The local socket a later start hands its entry over on (QtNetwork, in this build)."""
    import asyncio
    import os
    import tempfile

    from PySide6.QtNetwork import QLocalSocket

    from inspector.domain.entry_link import Handover, encode_handover
    from inspector.ui.single_instance import InstanceServer

    with tempfile.TemporaryDirectory(prefix="ti") as directory:
        server = InstanceServer(os.path.join(directory, "s"), window)
        handed: asyncio.Future[Handover] = asyncio.get_running_loop().create_future()

        def arrived(got: Handover) -> None:
            if not handed.done():
                handed.set_result(got)

        server.handed_over.connect(arrived)
        client = QLocalSocket()
        try:
            if not server.listen():
                raise AssertionError("cannot listen on a local socket")
            client.connectToServer(server.server_name)
            client.write(encode_handover(Handover(str(SELF_TEST_ENTRY_ID))))
            got = await asyncio.wait_for(handed, timeout=5)
        finally:
            client.abort()
            server.close()
            server.deleteLater()
    return f"entry {got.target} handed over on a local socket"


CHECKS: list[tuple[str, Callable[[MainWindow], object]]] = [
    ("tree", _check_tree),
    ("raw JSON", _check_raw_json),
    ("icon", _check_icon),
    ("fonts", _check_fonts),
    ("keyring", _check_keyring),
]


async def run_self_test(window: MainWindow, shown_after_s: float) -> int:
    import asyncio

    started = time.perf_counter()
    outcome: list[object] = []
    window.lookup_finished.connect(outcome.append)
    await window.wait_for_lookup()
    await asyncio.sleep(0)  # let the tree paint once
    failures = 0
    print(f"self-test: first window after {shown_after_s * 1000:.0f} ms", flush=True)

    def check_lookup(window: MainWindow) -> str:
        return _check_lookup(window, outcome[0] if outcome else "no outcome")

    checks: list[tuple[str, Callable[[MainWindow], object]]] = [
        ("lookup", check_lookup),
        *CHECKS,
        ("Reports search", check_reports_search),
        ("sign-in", check_sign_in),
        ("one window", check_one_window),
    ]
    for name, check in checks:
        try:
            detail = check(window)
            if asyncio.iscoroutine(detail):
                detail = await detail
        except Exception as error:  # every failure is reported, not just the first
            failures += 1
            print(f"self-test: FAIL {name}: {type(error).__name__}: {error}", flush=True)
        else:
            print(f"self-test: ok   {name}: {detail}", flush=True)
    took = (time.perf_counter() - started) * 1000
    verdict = "passed" if failures == 0 else f"FAILED ({failures} checks)"
    print(f"self-test: {verdict} in {took:.0f} ms", flush=True)
    return 0 if failures == 0 else 1
