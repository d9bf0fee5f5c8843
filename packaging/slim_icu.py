"""Rebuild Qt's ICU data library with only what a Qt Widgets app in English needs.

PySide6 ships ICU with every locale, collation, converter and transliterator: 31 MB of the
bundle. Qt uses ICU here for case mapping, normalisation, IDNA and (root) collation; its
locales, number formats and time zones come from Qt's own tables. So the data is unpacked
(icupkg), the unneeded items are removed, and the rest is compiled back into a library with
the same soname and data symbol (genccode + cc). Tools: Debian's icu-devtools and a C
compiler. Without them the full library is kept and the build says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

DROPPED_TREES = (
    "curr/",
    "zone/",
    "lang/",
    "region/",
    "unit/",
    "rbnf/",
    "brkitr/",
    "translit/",
    "coll/",
)
KEPT_COLLATION = re.compile(r"^coll/(root|ucadata|res_index)\.(res|icu)$")
KEPT_TOP_LEVEL_RES = re.compile(
    r"^(root|en(_[A-Za-z0-9_]+)?|pool|res_index|supplementalData|metadata|likelySubtags|"
    r"keyTypeData|numberingSystems|plurals|pluralRanges|timezoneTypes|windowsZones|"
    r"zoneinfo64|metaZones|dayPeriods|genderList|grammaticalFeatures|icuver|icustd|units|"
    r"currencyNumericCodes)\.res$"
)
TOOLS = ("icupkg", "genccode", "objcopy", "cc")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def dropped(item: str) -> bool:
    if KEPT_COLLATION.match(item):
        return False
    if item.startswith(DROPPED_TREES) or item.endswith((".cnv", ".cfu")):
        return True
    return item.endswith(".res") and "/" not in item and not KEPT_TOP_LEVEL_RES.match(item)


def slim(library: Path, work: Path) -> Path:
    """Return the path of a slimmed copy of ``library`` (libicudataNN), built under ``work``."""
    version = re.search(r"libicudata\.so\.(\d+)", library.name)
    if not version:
        raise ValueError(f"not an ICU data library: {library}")
    name = f"icudt{version.group(1)}"
    full = work / f"{name}l.dat"
    subprocess.run(
        ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)], check=True
    )
    items = subprocess.run(
        ["icupkg", "-l", str(full)], check=True, capture_output=True, text=True
    ).stdout.split()
    drop_list = work / "drop.txt"
    drop_list.write_text("\n".join(item for item in items if dropped(item)) + "\n")
    out_dir = work / "out"
    out_dir.mkdir()
    subprocess.run(
        ["icupkg", "-r", str(drop_list), str(full), str(out_dir / full.name)], check=True
    )
    subprocess.run(
        ["genccode", "-e", name, "-a", "gcc", "-d", str(work), str(out_dir / full.name)],
        check=True,
        capture_output=True,
    )
    slimmed = work / library.name
    subprocess.run(
        [
            "cc",
            "-shared",
            "-nostdlib",
            f"-Wl,-soname,{library.name}",
            "-Wl,-z,noexecstack",
            "-o",
            str(slimmed),
            str(work / f"{name}l_dat.S"),
        ],
        check=True,
    )
    return slimmed


def slim_binaries(binaries: list, work_root: str) -> list:
    """PyInstaller TOC in, TOC out: the ICU data entry replaced by its slim rebuild."""
    missing = missing_tools()
    result = []
    for dest, source, kind in binaries:
        if Path(dest).name.startswith("libicudata.so."):
            if missing:
                print(f"slim_icu: keeping the full ICU data ({', '.join(missing)} missing)")
            else:
                work = Path(tempfile.mkdtemp(prefix="icu-", dir=work_root))
                source = str(slim(Path(source), work))
                print(
                    f"slim_icu: ICU data {Path(dest).name} rebuilt: "
                    f"{Path(source).stat().st_size / 2**20:.1f} MB"
                )
        result.append((dest, source, kind))
    return result
