"""`./dev setup` asks for the fonts the window needs to show every demo entry: without a
colour emoji font the Unicode entry's emoji are empty boxes, without a CJK font its Japanese."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

DEV = Path(__file__).parents[2] / "dev"


def missing_font_packages(emoji_font_file: str, cjk_font_file: str) -> list[str]:
    """What ./dev would install for fonts, with the fonts at these paths."""
    script = DEV.read_text(encoding="utf-8")
    function = re.search(r"^missing_font_packages\(\) \{\n.*?^\}\n", script, re.M | re.S)
    assert function, "./dev has no missing_font_packages"
    program = f"{function.group(0)}\nEMOJI_FONT_FILE=$1 CJK_FONT_FILE=$2\nmissing_font_packages"
    run = subprocess.run(
        ["bash", "-c", program, "-", emoji_font_file, cjk_font_file],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.split()


def test_dev_installs_a_colour_emoji_and_a_cjk_font_where_none_is(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent.ttf")
    emoji, cjk = tmp_path / "NotoColorEmoji.ttf", tmp_path / "wqy-microhei.ttc"
    for there in (emoji, cjk):
        there.write_bytes(b"")
    assert missing_font_packages(absent, absent) == ["fonts-noto-color-emoji", "fonts-wqy-microhei"]
    assert missing_font_packages(str(emoji), absent) == ["fonts-wqy-microhei"]
    assert missing_font_packages(absent, str(cjk)) == ["fonts-noto-color-emoji"]
    assert missing_font_packages(str(emoji), str(cjk)) == []


def test_the_font_files_are_where_debians_packages_put_them() -> None:
    lines = DEV.read_text(encoding="utf-8").splitlines()
    assert "EMOJI_FONT_FILE=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf" in lines
    assert "CJK_FONT_FILE=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" in lines
