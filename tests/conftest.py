"""Shared test setup: offscreen Qt, a small torch thread pool, and paths to the optional full data set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must know before any QApplication exists that there is no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch  # noqa: E402

torch.set_num_threads(2)

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_MNIST = REPO_ROOT.parent / "shared" / "data" / "mnist"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_mnist() -> Path:
    """The full MNIST IDX files beside the checkout; tests that need them skip with a reason otherwise."""
    if not (SHARED_MNIST / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"full MNIST not found at {SHARED_MNIST} (only present beside a development checkout)")
    return SHARED_MNIST


def _qt_leftovers() -> list[str]:
    """Every QThread still running and QTimer still active that this process can see."""
    import gc

    import shiboken6
    from PySide6.QtCore import QCoreApplication, QThread, QTimer

    app = QCoreApplication.instance()
    main_thread = shiboken6.getCppPointer(app.thread())[0] if app is not None else None
    # Python-side objects (parented or not), plus C++-owned children of the app and its windows.
    # Filter by type first (hundreds of types instead of ~200k objects); type() rather than
    # isinstance() because some modules' objects warn when their __class__ is looked up.
    objects = gc.get_objects()
    qt_types = {t for t in set(map(type, objects)) if issubclass(t, (QThread, QTimer))}
    candidates = [o for o in objects if type(o) in qt_types]
    if app is not None:
        candidates += app.findChildren(QThread) + app.findChildren(QTimer)
        for widget in getattr(app, "topLevelWidgets", list)():
            candidates += widget.findChildren(QThread) + widget.findChildren(QTimer)
    found: dict[int, str] = {}
    for obj in candidates:
        try:
            if not shiboken6.isValid(obj):
                continue
            pointer = shiboken6.getCppPointer(obj)[0]
            if isinstance(obj, QThread) and obj.isRunning() and pointer != main_thread:
                found[pointer] = f"QThread {obj.objectName() or type(obj).__name__!r} still running"
                obj.requestInterruption()
                obj.quit()
                obj.wait(2000)
            elif isinstance(obj, QTimer) and obj.isActive():
                parent = obj.parent()
                owner = type(parent).__name__ if parent is not None else "no parent"
                found[pointer] = f"QTimer {obj.objectName()!r} (parent: {owner}) still active"
                obj.stop()
        except RuntimeError:  # the C++ object went away while we looked
            continue
    return sorted(found.values())


def _uses_qt(request: pytest.FixtureRequest) -> bool:
    if {"qtbot", "qapp"} & set(request.fixturenames):
        return True
    # Otherwise: does the test module import anything from Qt or the app?
    module = getattr(request, "module", None)
    members = vars(module).values() if module is not None else ()
    names = (getattr(v, "__module__", None) or getattr(v, "__name__", "") for v in members)
    return any(isinstance(n, str) and n.split(".")[0] in ("PySide6", "shiboken6", "app") for n in names)


@pytest.fixture(autouse=True)
def no_leftover_qt_threads_or_timers(request: pytest.FixtureRequest):
    """Fail any test that leaves a QThread running or a QTimer active (then stop them for the next test)."""
    yield
    import sys

    if "PySide6.QtCore" not in sys.modules or not _uses_qt(request):
        return  # a test that never touched Qt cannot leave Qt threads or timers
    leftovers = _qt_leftovers()
    if leftovers:
        pytest.fail("test left Qt work running: " + "; ".join(leftovers), pytrace=False)
