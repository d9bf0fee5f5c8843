"""What changed: a lookup of an entry the history already holds lists the changed fields in
the Changes tab (path, before, now); equal answers say so; no earlier answer: disabled."""

from __future__ import annotations

from gui_actions import look_up

ENTRY_ID = 5000000001


def changes_tab_enabled(window) -> bool:
    panel = window.entry_panel
    return panel.tabs.isTabEnabled(panel.tabs.indexOf(panel.changes_view))


def rows(window) -> list[tuple[str, str, str]]:
    changes = window.entry_panel.changes_view.list
    return [
        tuple(changes.topLevelItem(row).text(column) for column in range(3))
        for row in range(changes.topLevelItemCount())
    ]


def test_a_changed_description_is_listed_and_equal_answers_say_so(
    qtbot, make_window, demo_server, monkeypatch, tmp_path
):
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    view = window.entry_panel.changes_view
    assert view.objectName() == "changesView" and view.accessibleName()
    look_up(qtbot, window, str(ENTRY_ID))
    # No earlier answer: the tab stays disabled and empty (once the record has landed).
    found = []
    window.history.changes_found.connect(lambda *args: found.append(args))
    qtbot.waitUntil(lambda: window.history.service is not None and window.history.idle)
    assert found == []
    assert not changes_tab_enabled(window) and rows(window) == []

    old = demo_server.entries[ENTRY_ID]["description"]
    demo_server.entries[ENTRY_ID]["description"] = "Customer call: <b>refund</b>\x1b[31m"
    with qtbot.waitSignal(window.history.changes_found, timeout=10_000):
        look_up(qtbot, window, str(ENTRY_ID))
    qtbot.waitUntil(lambda: changes_tab_enabled(window))
    changed = {path: (before, now) for path, before, now in rows(window)}
    assert "description" in changed
    before, now = changed["description"]
    assert old in before
    assert "<b>refund</b>" in now and "\\u001b" in now  # plain text, controls shown
    assert "\x1b" not in view.list.topLevelItem(0).toolTip(2)
    assert "changed since" in view.label.full_text

    with qtbot.waitSignal(window.history.changes_found, timeout=10_000):
        look_up(qtbot, window, str(ENTRY_ID))
    qtbot.waitUntil(lambda: view.label.full_text.startswith("No changes since"))
    assert rows(window) == []
    assert changes_tab_enabled(window)

    look_up(qtbot, window, "5000000003")  # another entry, never looked up: disabled again
    assert not changes_tab_enabled(window)


def test_before_and_now_are_given_the_same_width(qtbot, make_window, monkeypatch, tmp_path):
    monkeypatch.setenv("TOGGL_INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    panel = window.entry_panel
    panel.tabs.setTabEnabled(panel.tabs.indexOf(panel.changes_view), True)
    panel.tabs.setCurrentWidget(panel.changes_view)
    header = panel.changes_view.list.header()
    qtbot.waitUntil(lambda: header.sectionSize(2) > 0)
    assert header.sectionSize(0) == 220
    assert abs(header.sectionSize(1) - header.sectionSize(2)) <= 1
    assert header.sectionSize(1) > 200  # a timestamp or a sentence, not cut at 100 px
