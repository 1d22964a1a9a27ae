"""The pinned versions of packaging/constraints.txt, and whether this environment matches them.

`build.py` calls `mismatches()` before running PyInstaller: every distribution that goes into the
bundle (the project's runtime requirements, followed recursively, and PyInstaller with its hooks) must
be installed at exactly its pinned version. Pure standard library plus `packaging` (a PyInstaller
dependency), no Qt, so anything can import it.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parent / "constraints.txt"
ROOTS = ("lenet-digits", "pyinstaller", "pyinstaller-hooks-contrib")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path = CONSTRAINTS) -> dict[str, str]:
    """name -> version of every `name==version` line (comments and blank lines ignored)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            if not sep:
                raise ValueError(f"{path}: {line!r} is not a name==version pin")
            pins[normalise(name)] = version.strip()
    return pins


def _requirements(dist: metadata.Distribution) -> list[str]:
    """Names of what `dist` needs on this platform (extras' requirements left out)."""
    from packaging.requirements import Requirement

    names = []
    for text in dist.requires or []:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        names.append(normalise(req.name))
    return names


def bundled_distributions(roots: tuple[str, ...] = ROOTS) -> dict[str, str]:
    """name -> installed version of the roots and everything they need, recursively."""
    found: dict[str, str] = {}
    todo = [normalise(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = ""  # reported as missing
            continue
        found[name] = dist.version
        todo += _requirements(dist)
    return found


def mismatches(pins: dict[str, str] | None = None) -> list[str]:
    """One line per bundled distribution that is missing, unpinned, or not at its pinned version."""
    pins = read_pins() if pins is None else pins
    problems = []
    for name, version in sorted(bundled_distributions().items()):
        if name == "lenet-digits":
            continue  # the project itself
        public = version.split("+", 1)[0]  # torch 2.13.0+cpu is the 2.13.0 pin
        if not version:
            problems.append(f"{name}: not installed (pinned {pins.get(name, '?')})")
        elif name not in pins:
            problems.append(f"{name} {version}: not pinned in {CONSTRAINTS.name}")
        elif public != pins[name]:
            problems.append(f"{name} {version}: pinned {pins[name]}")
    return problems
