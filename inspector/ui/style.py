"""What every part of the window shares about looks: the icon, how a widget is named for
tests, scripts and screen readers, and how text from a server or a person is put into a
tooltip. Colours come from the palette: inspector.ui.palette_colours."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtGui
from PySide6.QtWidgets import QLabel, QWidget

from inspector.domain.plain_text import SHORT_TEXT_LIMIT, bounded, one_line, show_controls

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ICON_PATH = Path(__file__).resolve().parent / "icons" / "toggl-inspector.svg"

# Where entries overlap (the day strip): red on light and dark alike.
OVERLAP_COLOUR = "#d93025"
TREE_NAME_COLUMN_WIDTH = 220

AnyWidget = TypeVar("AnyWidget", bound=QWidget)


# What a screen reader says about the main controls besides their names (docs/widgets.md:
# "Stable widget names"), by object name, in one place.
ACCESSIBLE_DESCRIPTIONS = {
    "entryIdInput": "The ID of the time entry to look up, digits only; Enter fetches it",
    "metaCheckBox": "Also ask for the names of the project, client, task and user",
    "includeSharingCheckBox": "Also ask who the entry is shared with",
    "fetchButton": "Look up the entry whose ID is typed",
    "cancelButton": "Stop the lookup that is running",
    "messageBanner": "What went wrong or what to do, about the last lookup",
    "retryButton": "Send the failed request again",
    "runStateLabel": "Whether the entry is running, stopped or deleted, and for how long",
    "anomalyLabel": "What looks wrong in the entry's data",
    "sourceBadge": "Which API the entry shown came from",
    "entryTabs": "The entry's fields, the entries around it, its raw JSON, the request",
    "entryTree": "The entry's fields as received, anomalies first; Ctrl+C copies a value",
    "treeFilterInput": "Show only the fields whose name or value holds this text",
    "explainButton": "Ask Toggl about what surrounds the entry; costs the requests shown",
    "demoEntryList": "Entries of the built-in demo API; choosing one looks it up",
    "reportsWorkspaceCombo": "The workspace whose reports are searched for the entry",
    "reportsSearchButton": "Search the workspace's reports for the entry",
    "historyList": "Entries looked up before, newest first; choosing one shows its answer",
    "historySearchInput": "Show only the lookups whose ID, description, user or project holds this",
    "historyRefreshButton": "Look the stored entry up again; costs one request",
    "historyCompareButton": "Compare the answers of the two lookups chosen in the list",
    "historyRecordCheckBox": "Keep a record of every lookup in the local history",
    "historyClearButton": "Erase every recorded lookup, after asking",
    "changesList": "Each field that differs: its path, the value before and the value now",
    "neighbourList": "The owner's entries around this one; choosing one shows it without a request",
    "backToEntryButton": "Show again the entry that was looked up",
    "rawJsonView": "The answer's body as received, indented; Ctrl+F finds in it",
    "rawFindInput": "Text to find in the raw JSON; Enter finds the next",
    "rawFindNextButton": "Find the next place the text appears",
    "rawFindPreviousButton": "Find the place before where the text appears",
    "rawFindCloseButton": "Close the find bar",
    "requestDetails": "The request sent and the answer's headers; Ctrl+C copies a value",
    "fetchAgainButton": "Look the entry up again with the boxes as ticked now",
    "bannerSignInButton": "Open the sign-in dialog; the lookup runs again after it",
    "explainAnywayButton": "Explain although it spends the quota's reserve",
    "notNowButton": "Do not explain this entry now",
    "deletedCheckButton": "Ask Toggl whether the entry was deleted; costs the request shown",
    "deletedCheckAnywayButton": "Ask whether it was deleted although it spends the reserve",
    "deletedCheckNotNowButton": "Do not ask whether the entry was deleted",
    "reportsFurtherButton": "Search the years before those already searched",
    "reportsAutoSearchCheckBox": "Search the Reports API by itself after a v9 404",
    "reportsYearsSpinBox": "How many calendar years back a Reports search goes",
    "contextAutoCheckBox": "Explain every entry by itself when it is found",
    "contextReserveSpinBox": "Requests of the hourly quota that explaining never spends",
    "connect_timeout_s": "Seconds to wait for a connection to Toggl",
    "read_timeout_s": "Seconds to wait for Toggl's answer once connected",
    "deadline_s": "Seconds a lookup may take in all, retries included",
    "max_attempts": "How many times a request is sent before it is given up",
    "batchLookUpButton": "Look up every ID found; costs the requests shown",
    "batchCancelButton": "Drop the IDs found, or stop the run keeping what was found",
    "batchPasteButton": "Find the IDs in the text on the clipboard",
    "batchWaitRadio": "At the quota's reserve, wait until it resets and go on",
    "batchStopRadio": "At the quota's reserve, stop and name the IDs not looked up",
    "batchResultsTable": "What each ID's lookup found; Enter shows the entry without a request",
    "batchExportCsvButton": "Save the results as a CSV file",
    "batchExportJsonlButton": "Save the results as JSON Lines",
    "batchCopySummaryButton": "Copy the results as a Markdown summary for a ticket",
    "openLogFolderButton": "Open the folder of the log file",
    "openSettingsFolderButton": "Open the folder of the settings file",
    "openAccountsFolderButton": "Open the folder of the saved account list",
    "openHistoryFolderButton": "Open the folder of the lookup history",
    "tokenModeButton": "Sign in with an API token from your Toggl profile",
    "passwordModeButton": "Sign in with your email and password",
    "apiTokenInput": "Your Toggl API token, from your profile page",
    "profileLink": "Open your Toggl profile, where the API token is",
    "emailInput": "The email of your Toggl account",
    "passwordInput": "The password of your Toggl account; kept only in the system keyring",
    "signInButton": "Check the credential with Toggl and save it in the keyring",
    "sessionOnlyButton": "Check the credential and use it until the app closes, saving nothing",
    "signInCancelButton": "Close the dialog without signing in",
}
# A label's own name for a screen reader (named() keeps it): the label's text follows it.
_LABEL_ROLE = "accessibleWhat"


def named(widget: AnyWidget, name: str, accessible: str | None = None) -> AnyWidget:
    """Give ``widget`` its stable object name (docs/widgets.md: "stable widget names"), the name a
    screen reader says and, for the main controls, its description; returns the widget with
    its own type. A label's name is followed by what it shows (``say_label_text``)."""
    widget.setObjectName(name)
    if name in ACCESSIBLE_DESCRIPTIONS:
        widget.setAccessibleDescription(ACCESSIBLE_DESCRIPTIONS[name])
    if isinstance(widget, QLabel):
        widget.setProperty(_LABEL_ROLE, accessible or name)
        say_label_text(widget, widget.text())
    else:
        widget.setAccessibleName(accessible or name)
    return widget


def describe(widget: QWidget) -> None:
    """The description of a widget named without ``named`` (by its object name)."""
    description = ACCESSIBLE_DESCRIPTIONS.get(widget.objectName())
    if description is not None:
        widget.setAccessibleDescription(description)


def say_label_text(label: QLabel, text: str) -> None:
    """A screen reader reads only the name of a label that has one (Qt then exposes its text
    nowhere): so a named label's name is what it is and what it shows, "Run state: Running ·
    0:01:05". Labels call this whenever their text changes."""
    what = label.property(_LABEL_ROLE)
    if isinstance(what, str):
        name = f"{what}: {text}" if text else what
        if label.accessibleName() != name:  # each change is an event a screen reader hears
            label.setAccessibleName(name)


def name_inner_parts(root: QWidget) -> None:
    """Names for the parts Qt builds inside our controls, which a screen reader meets as
    controls of their own: a line edit's clear button, an editable combo box's field and
    list, and the menu bar's button for menus that do not fit."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QMenuBar, QTabBar, QToolButton

    for edit in root.findChildren(QLineEdit):
        for button in edit.findChildren(QToolButton):  # the clear button
            if not button.accessibleName() and edit.accessibleName():
                button.setAccessibleName(f"Clear {edit.accessibleName()}")
    for combo in root.findChildren(QComboBox):
        inner = combo.lineEdit()
        if inner is not None and not inner.accessibleName():
            inner.setAccessibleName(combo.accessibleName())
        if not combo.view().accessibleName():
            combo.view().setAccessibleName(f"{combo.accessibleName()}: choices")
    for tabs in root.findChildren(QTabBar):  # the arrows when the tabs do not fit
        for button in tabs.findChildren(QToolButton):
            side = {"ScrollLeftButton": "left", "ScrollRightButton": "right"}.get(
                button.objectName()
            )
            if side is not None and not button.accessibleDescription():
                button.setAccessibleDescription(f"Show the tabs further {side}")
    for bar in root.findChildren(QMenuBar):
        for button in bar.findChildren(QToolButton):
            if not button.accessibleName():
                button.setAccessibleName("More menus")


def set_style(widget: QWidget, style: str) -> None:
    """Restyling re-polishes the widget (about a millisecond): only when it changes."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def app_icon() -> QIcon:
    """The SVG icon (Qt loads its SVG plugin for it: not before the first paint)."""
    from PySide6.QtGui import QIcon

    return QIcon(str(ICON_PATH))


# Writing a control character out only lengthens the text, so the first limit + 1
# characters decide what is shown: a megabyte value costs no more than a short one.


def shown_line(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """Server or user text for one line on screen: domain.plain_text.one_line."""
    return one_line(text[: limit + 1], limit)


def shown_text(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """Server or user text for a place with room for several lines: control characters
    written out (line breaks and tabs kept), at most ``limit`` characters ("…" when cut)."""
    return bounded(show_controls(text[: limit + 1], keep_line_breaks=True), limit)


def menu_text(text: str) -> str:
    """Server or user text as a menu item's text: one line, and an "&" shown as itself
    (Qt takes a single "&" as the item's shortcut letter)."""
    return shown_line(text).replace("&", "&&")


def plain_tooltip(text: str, limit: int = SHORT_TEXT_LIMIT) -> str:
    """``text`` for setToolTip or a model's ToolTipRole, shown as written: control
    characters written out (line breaks kept), at most ``limit`` characters, and never taken
    as rich text. Qt takes a tooltip as rich text whenever Qt.mightBeRichText says so (tags
    obeyed, local images loaded): such text is escaped into a paragraph that keeps its white
    space, so it shows exactly what the plain text says."""
    shown = shown_text(text, limit)
    if not QtGui.Qt.mightBeRichText(shown):
        return shown
    import html  # only for text that looks like markup (kept off the first paint's imports)

    return '<p style="white-space:pre-wrap">' + html.escape(shown, quote=False) + "</p>"
