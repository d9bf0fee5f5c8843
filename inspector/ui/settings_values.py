"""Reading values back from QSettings, whose INI backend returns strings for values an
earlier run wrote."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def read_bool(settings: QSettings, key: str, default: bool = False) -> bool:
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)
