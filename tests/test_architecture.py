"""The rules that hold the project together: `lenet_core` never imports Qt (nor the GUI), the app is
built in layers, and the app starts without torch (its window shows while the worker loads it)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core never imports Qt KEPT" in result.stdout
    # main > window > pages > session > inference, models > widgets > the small modules (pyproject.toml)
    assert "The app's layers KEPT" in result.stdout
    assert "Widgets never import the core KEPT" in result.stdout
    assert ", 0 broken" in result.stdout


def test_core_imports_without_qt():
    code = (
        "import sys, lenet_core, lenet_core.cli.train, lenet_core.cli.predict; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'app')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _imports_after(code: str) -> set[str]:
    """Top-level packages imported by a fresh interpreter that runs `code`."""
    probe = code + "; import sys; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_version_and_help_import_neither_qt_nor_torch():
    loaded = _imports_after("from app.main import parse_args; parse_args(['--lang', 'en'])")
    assert not loaded & {"torch", "PySide6", "lenet_core"}, loaded


PROBE = """
import sys, tempfile, threading
importers = []

class Watch:  # records which thread imports torch first
    def find_spec(self, name, path=None, target=None):
        if name == "torch" and not importers:
            importers.append(threading.current_thread() is threading.main_thread())
        return None

sys.meta_path.insert(0, Watch())
from PySide6.QtCore import QSettings
from app import create_main_window
d = tempfile.mkdtemp()
w = create_main_window(QSettings(d + "/s.ini", QSettings.Format.IniFormat), d + "/data", "en")
w.show()
assert w.wait_until_idle(60) and w.session.recognizer() is not None
w.close()
print("gui-thread" if importers[0] else "worker")
"""


def test_torch_is_loaded_by_the_worker_not_before_the_window():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "worker", "the GUI thread imported torch: the window waits for it"
