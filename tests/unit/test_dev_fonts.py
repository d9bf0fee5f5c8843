"""`./dev setup` asks for the fonts the window needs to show every demo entry: without a
colour emoji font, the Unicode entry's emoji are empty boxes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

DEV = Path(__file__).parents[2] / "dev"


def missing_font_packages(emoji_font_file: str) -> list[str]:
    """What ./dev would install for fonts, with the emoji font at ``emoji_font_file``."""
    script = DEV.read_text(encoding="utf-8")
    function = re.search(r"^missing_font_packages\(\) \{\n.*?^\}\n", script, re.M | re.S)
    assert function, "./dev has no missing_font_packages"
    program = f"{function.group(0)}\nEMOJI_FONT_FILE=$1\nmissing_font_packages"
    run = subprocess.run(
        ["bash", "-c", program, "-", emoji_font_file],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.split()


def test_dev_installs_a_colour_emoji_font_where_none_is(tmp_path: Path) -> None:
    assert missing_font_packages(str(tmp_path / "absent.ttf")) == ["fonts-noto-color-emoji"]
    there = tmp_path / "NotoColorEmoji.ttf"
    there.write_bytes(b"")
    assert missing_font_packages(str(there)) == []


def test_the_emoji_font_file_is_where_debians_package_puts_it() -> None:
    assert (
        "EMOJI_FONT_FILE=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
        in DEV.read_text(encoding="utf-8").splitlines()
    )
