"""Build the desktop bundle: `./dev package [--onefile] [--self-test]`.

Produces dist/toggl-inspector/ (one-dir), with --onefile also dist/toggl-inspector[.exe],
and on Linux dist/toggl-inspector-VERSION-linux-ARCH.tar.gz (the bundle, the .desktop file,
the icons and an install note). Prints every artifact's size; --self-test then runs the
frozen app's --self-test and compares its start-up with the unfrozen app's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "toggl-inspector.spec"
NAME = "toggl-inspector"
EXE = NAME + (".exe" if sys.platform == "win32" else "")
BUDGET_MB = {"one-dir": 110, "one-file": 60}

INSTALL_NOTE = """Toggl Entry Inspector {version} for Linux ({arch})

Run it in place:     ./toggl-inspector/toggl-inspector
Try it on demo data: ./toggl-inspector/toggl-inspector --demo
Check the build:     ./toggl-inspector/toggl-inspector --self-test

Install for your user (menu entry and icon):
  mkdir -p ~/.local/opt ~/.local/bin ~/.local/share/applications
  cp -r toggl-inspector ~/.local/opt/
  ln -sf ~/.local/opt/toggl-inspector/toggl-inspector ~/.local/bin/toggl-inspector
  cp toggl-inspector.desktop ~/.local/share/applications/
  cp -r icons ~/.local/share/
  update-desktop-database ~/.local/share/applications   # toggl-inspector:// links open it

Needs a desktop with X11 or Wayland, and for stored credentials a Secret Service
(GNOME Keyring or KWallet). Nothing else: Python and Qt are inside.
"""


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    # Links (PyInstaller links Qt's libraries into place) are not counted twice.
    return (
        sum(
            item.lstat().st_size
            for item in path.rglob("*")
            if item.is_file() and not item.is_symlink()
        )
        / 2**20
    )


def pyinstaller(dist: Path, work: Path, onefile: bool) -> None:
    env = dict(os.environ, ONEFILE="1" if onefile else "0")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "ERROR",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )


def linux_tarball(dist: Path) -> Path:
    arch = platform.machine()
    app_version = version("toggl-inspector")
    tarball = dist / f"{NAME}-{app_version}-linux-{arch}.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(dist / NAME, arcname=f"{NAME}/{NAME}")
        archive.add(ROOT / "resources" / f"{NAME}.desktop", arcname=f"{NAME}/{NAME}.desktop")
        archive.add(ROOT / "resources" / "icons", arcname=f"{NAME}/icons")
        note = dist / "INSTALL.txt"
        note.write_text(INSTALL_NOTE.format(version=app_version, arch=arch))
        archive.add(note, arcname=f"{NAME}/INSTALL.txt")
    return tarball


def first_window_ms(command: list[str], runs: int = 3) -> float:
    """Median wall time from process start to the self-test's 'first window' line."""
    times = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--self-test"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if "first window" in line:
                times.append((time.perf_counter() - started) * 1000)
                break
        process.communicate(timeout=60)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(prog="./dev package", description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="also build the one-file app")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run the frozen app's --self-test and compare start-up times",
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    dist, work = args.dist.resolve(), (ROOT / "build").resolve()
    shutil.rmtree(dist / NAME, ignore_errors=True)

    started = time.perf_counter()
    pyinstaller(dist, work / "one-dir", onefile=False)
    sizes = {"one-dir": (dist / NAME, size_mb(dist / NAME))}
    if args.onefile:
        pyinstaller(dist / "one-file", work / "one-file", onefile=True)
        sizes["one-file"] = (dist / "one-file" / EXE, size_mb(dist / "one-file" / EXE))
    if sys.platform.startswith("linux"):
        tarball = linux_tarball(dist)
        sizes["tar.gz"] = (tarball, size_mb(tarball))
    print(f"\nBuilt in {time.perf_counter() - started:.0f} s:")
    over = []
    for kind, (path, megabytes) in sizes.items():
        budget = BUDGET_MB.get(kind)
        verdict = (
            ""
            if budget is None
            else (f" (budget {budget} MB: {'ok' if megabytes <= budget else 'OVER'})")
        )
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"  {kind:9} {megabytes:6.1f} MB  {shown}{verdict}")
        if budget is not None and megabytes > budget:
            over.append(kind)

    if args.self_test:
        frozen = dist / NAME / EXE
        result = subprocess.run(
            [str(frozen), "--self-test"],
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
        )
        print(result.stdout, end="")
        if result.returncode != 0:
            print(result.stderr, end="", file=sys.stderr)
            print(f"frozen self-test FAILED (exit {result.returncode})", file=sys.stderr)
            return 1
        # The command-line face has imports of its own: check it in the bundle too.
        get = subprocess.run(
            [str(frozen), "get", "5000000006", "--demo", "--json"], capture_output=True, text=True
        )
        if get.returncode != 0 or json.loads(get.stdout)["id"] != 5000000006:
            print(get.stderr, end="", file=sys.stderr)
            print(f"frozen get FAILED (exit {get.returncode})", file=sys.stderr)
            return 1
        print("frozen get --demo --json: ok")
        unfrozen = [sys.executable, "-m", "inspector"]
        print(
            f"Start to first window (median of 3): frozen {first_window_ms([str(frozen)]):.0f}"
            f" ms, unfrozen {first_window_ms(unfrozen):.0f} ms"
        )
    if over:
        print(f"Size budget missed: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
