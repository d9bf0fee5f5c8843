"""toggl-inspector:// links reach the app: the Linux menu entry, the macOS bundle and the
Windows instructions (docs/desktop.md) all name the scheme the app parses."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from inspector.domain.entry_link import LINK_SCHEME

ROOT = Path(__file__).parents[2]


def test_the_desktop_file_handles_the_scheme_and_passes_the_link():
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # keys are case-sensitive there
    desktop.read(ROOT / "resources" / "toggl-inspector.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert f"x-scheme-handler/{LINK_SCHEME}" in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";")
    # %u: one link, as one argument (%U would allow several, which the app does not take).
    assert entry["Exec"].split() == ["toggl-inspector", "%u"]


def test_the_macos_bundle_declares_the_scheme():
    spec = (ROOT / "packaging" / "toggl-inspector.spec").read_text(encoding="utf-8")
    bundle = spec[spec.index("BUNDLE(") :]
    assert re.search(r'"CFBundleURLSchemes": \["' + LINK_SCHEME + r'"\]', bundle)
    assert "info_plist=" in bundle
    # QLocalServer lives in QtNetwork: the bundle must keep it.
    assert '"PySide6.QtNetwork"' not in spec


def test_the_docs_say_how_to_register_the_scheme_on_windows():
    desktop = (ROOT / "docs" / "desktop.md").read_text(encoding="utf-8")
    assert rf"HKEY_CURRENT_USER\Software\Classes\{LINK_SCHEME}" in desktop
    assert "URL Protocol" in desktop
    assert rf"{LINK_SCHEME}\shell\open\command" in desktop
