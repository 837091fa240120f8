"""Builds the installable Debrief: a one-folder frozen app made by PyInstaller from ``packaging/debrief.spec``,
then this platform's packages.

    python3 packaging/build.py                       # folder in dist/debrief/, then the packages below
    python3 packaging/build.py --folder-only         # just the folder
    python3 packaging/build.py --folder-only --dist DIR   # the frozen tests' build

The environment is the one ``packaging/dev.py`` makes from the lock (PyInstaller is locked there). On Linux it
writes ``dist/debrief-<version>-linux-x86_64.tar.gz`` and ``dist/debrief_<version>_amd64.deb`` (installs to
/opt/debrief, ``/usr/bin/debrief``, a menu entry, the icon and the ``*.debrief`` file type); on Windows and
macOS it prints the installer step that packaging/README.md describes (Inno Setup, ``hdiutil``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dev  # noqa: E402 (the sibling module that owns the environment)

ROOT = dev.ROOT
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
LINUX = ROOT / "packaging" / "linux"
# What Qt's xcb platform plugin loads beyond the libraries bundled with PySide6 (Debian/Ubuntu names)
DEB_DEPENDS = (
    "libc6 (>= 2.28), libegl1, libfontconfig1, libfreetype6, libglib2.0-0, libgl1, libx11-6, libx11-xcb1, "
    "libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, "
    "libxcb-shape0, libxcb-xfixes0, libxcb-xinerama0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3"
)


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def freeze(python: Path, dist: Path) -> Path:
    command = [str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(WORK / "release"), str(ROOT / "packaging" / "debrief.spec")]
    if subprocess.call(command, cwd=ROOT) != 0:
        sys.exit("PyInstaller failed (its message is above).")
    return dist / "debrief"


def strip_debug_symbols(folder: Path) -> None:
    """Debug symbols are a fifth of the Linux folder. Libraries a wheel vendors (``numpy.libs/`` and the like)
    are left alone: auditwheel rewrote their headers, and stripping them leaves e.g. OpenBLAS unloadable."""
    vendored = [p for p in folder.rglob("*.libs") if p.is_dir()]
    libraries = [p for p in folder.rglob("*.so*") if not p.is_symlink() and not any(v in p.parents for v in vendored)]
    subprocess.run(["strip", "--strip-debug", *map(str, libraries)], check=True)


def linux_packages(folder: Path) -> list[Path]:
    return [linux_tarball(folder), linux_deb(folder)]


def linux_tarball(folder: Path) -> Path:
    target = folder.parent / f"debrief-{version()}-linux-x86_64.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=f"debrief-{version()}")
    return target


def linux_deb(folder: Path) -> Path:
    root = WORK / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(folder, root / "opt" / "debrief", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "debrief").symlink_to("/opt/debrief/debrief")
    places = {
        LINUX / "debrief.desktop": "usr/share/applications/debrief.desktop",
        ROOT / "resources" / "icons" / "debrief.svg": "usr/share/icons/hicolor/scalable/apps/debrief.svg",
        LINUX / "debrief-mime.xml": "usr/share/mime/packages/debrief.xml",
    }
    for source, place in places.items():
        (root / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / place)
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(
        f"Package: debrief\nVersion: {version()}\nArchitecture: amd64\nMaintainer: Debrief <debrief@localhost>\n"
        f"Installed-Size: {size_kb}\nDepends: {DEB_DEPENDS}\nSection: office\nPriority: optional\n"
        "Description: Declined-offer interviews, client reports and anonymised datasets, offline\n"
        " A desktop app for research firms: notes typed during the call, branded reports and\n"
        " anonymised datasets, one local (optionally encrypted) SQLite file per workspace.\n"
    )
    # menus, icons and file types are picked up by the system's dpkg triggers (desktop-file-utils, hicolor, mime)
    target = folder.parent / f"debrief_{version()}_amd64.deb"
    command = ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)]
    if subprocess.call(command) != 0:
        sys.exit("dpkg-deb failed (its message is above).")
    return target


def other_platform_step(folder: Path) -> str:
    if sys.platform == "win32":
        return f"Folder {folder}. Installer: iscc packaging\\windows\\debrief.iss (see packaging/README.md)."
    return f"App {folder.parent / 'Debrief.app'}. Disk image: see packaging/README.md (hdiutil create)."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Builds the frozen Debrief and this platform's packages.")
    parser.add_argument("--folder-only", action="store_true", help="stop after the folder")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the folder goes (default dist/)")
    args = parser.parse_args(argv)
    python = dev.ensure_environment()
    folder = freeze(python, args.dist.resolve())
    if sys.platform.startswith("linux"):
        strip_debug_symbols(folder)
    if args.folder_only:
        print(folder)
    elif sys.platform.startswith("linux"):
        for made in linux_packages(folder):
            print(made)
    else:
        print(other_platform_step(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
