"""The PyInstaller bundle: build it if needed, then run `LeNetDigits --version/--help/--self-test`, the
self-test again on a virtual screen (Xvfb) with a screenshot of every tab, and without any display.

Building takes a few minutes, so it happens only when asked: `.ci/run` sets LENET_DIGITS_BUNDLE_TESTS=1
(and installs the `bundle` extra). Elsewhere these tests run against an existing, up-to-date
dist/LeNetDigits and skip, saying why, when there is none:

    LENET_DIGITS_BUNDLE_TESTS=1 python -m pytest -m bundle
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "packaging"))
import bundle_info as info  # noqa: E402
import pins  # noqa: E402

pytestmark = pytest.mark.bundle

BUILD_ENV = "LENET_DIGITS_BUNDLE_TESTS"
# What the bundle is made from: a change in any of these makes an existing bundle stale.
SOURCES = ("app", "lenet_core", "resources", "packaging", "pyproject.toml")
BUILD_TIMEOUT_S = 40 * 60
SCREENSHOTS = REPO / "ci-artifacts" / "bundle-screenshots"  # git-ignored; CI keeps it with the run
TABS_PHOTOGRAPHED = ("recognise-tab", "train-tab", "train-tab-result", "train-tab-zh_CN", "learn-tab",
                     "explorer-tab")
# Words that mean the app printed a problem; its output on a clean run has none of them.
ERROR_WORDS = re.compile(r"traceback|error|exception|warning|critical|fatal|could not|cannot", re.IGNORECASE)


def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SOURCES:
        path = REPO / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" not in p.parts and p.suffix not in (".pyc", ".ts"):
                newest = max(newest, p.stat().st_mtime)
    return newest


def _stale_reason() -> str | None:
    exe = info.executable()
    if not exe.exists():
        return f"{exe.relative_to(REPO)} does not exist"
    if exe.stat().st_mtime < _newest_source_mtime():
        return f"{exe.relative_to(REPO)} is older than the sources"
    return None


def _isolated_env(tmp: Path) -> dict[str, str]:
    """The user's folders redirected, so a test run never touches real settings or data."""
    env = dict(os.environ)
    for key in ("LENET_DIGITS_RESOURCES", "LENET_DIGITS_DATA_DIR"):
        env.pop(key, None)
    env.update(
        HOME=str(tmp / "home"),
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CACHE_HOME=str(tmp / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture(scope="session")
def bundle() -> Path:
    """dist/LeNetDigits, built now when missing or stale and building is enabled."""
    reason = _stale_reason()
    if reason is not None:
        if os.environ.get(BUILD_ENV) != "1":
            pytest.skip(f"{reason}; set {BUILD_ENV}=1 to build it (python packaging/build.py, a few minutes)")
        result = subprocess.run(
            [sys.executable, str(REPO / "packaging" / "build.py"), "--no-archive"],
            cwd=REPO,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
        assert result.returncode == 0, "python packaging/build.py --no-archive failed (see its output above)"
        assert _stale_reason() is None, _stale_reason()
    return info.bundle_dir()


def _run(bundle: Path, tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300):
    return subprocess.run(
        [str(info.executable()), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or _isolated_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )


def _summary(stdout: str) -> dict:
    start = stdout.find("{\n")
    assert start >= 0, f"no JSON summary in the output:\n{stdout[-2000:]}"
    return json.loads(stdout[start:])


def test_version(bundle, tmp_path):
    result = _run(bundle, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"lenet-digits {info.version()}"


def test_help(bundle, tmp_path):
    result = _run(bundle, tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    for option in ("--version", "--self-test", "--data-dir", "--lang"):
        assert option in result.stdout


def test_self_test(bundle, tmp_path):
    before = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    result = _run(bundle, tmp_path, "--self-test")
    summary = _summary(result.stdout)
    assert result.returncode == 0 and summary["ok"], (
        f"failed: {summary.get('failed')}\n{result.stderr[-3000:]}"
    )
    assert summary["frozen"] is True
    assert summary["version"] == info.version()
    assert Path(summary["resources"]).is_relative_to(bundle)  # found inside the bundle, not the checkout
    checks = summary["checks"]
    assert set(checks) >= {
        "imports", "window", "drawing", "recognition", "fine_tuning", "tabs", "explain", "gallery",
        "fine_tune_keep_reset", "model_manager", "dialogs", "language", "icons", "folder_untouched",
        "worker_processes",
    }
    assert all(c["ok"] for c in checks.values())
    assert {m["label"] for m in checks["drawing"]["models"].values()} == {checks["drawing"]["digit"]}
    assert set(checks["drawing"]["models"]) == {"shipped:classic", "shipped:modern"}
    for arch in ("classic", "modern"):
        assert checks["recognition"][arch]["mnist_accuracy"] >= 0.9
    # What a user reaches: the chart drew its curves, thumbnails were painted, every dialog answered.
    tour = checks["fine_tune_keep_reset"]
    assert tour["chart_points"] > 0 and tour["loss_pixels"] > 30
    assert checks["gallery"]["dark_pixels_shown"] > 0
    assert checks["dialogs"]["read_as"] == 3 and checks["dialogs"]["exported_files"] > 0
    assert checks["language"]["qt_catalog_loaded"]
    assert "svg" in checks["icons"]["image_formats"]
    assert not ERROR_WORDS.search(result.stderr), result.stderr[-3000:]
    # The bundle never writes into its own folder (the self-test checks it too, from inside).
    after = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    assert after == before


def test_self_test_reports_failures(bundle, tmp_path):
    """A broken installation (here: no resources) exits non-zero and says why."""
    empty = tmp_path / "no-resources"
    empty.mkdir()
    env = _isolated_env(tmp_path)
    env["LENET_DIGITS_RESOURCES"] = str(empty)
    result = _run(bundle, tmp_path, "--self-test", env=env)
    assert result.returncode != 0
    summary = _summary(result.stdout)
    assert not summary["ok"] and "recognition" in summary["failed"]
    assert "self-test FAILED" in result.stderr and "recognition" in result.stderr


def test_bundle_is_lean(bundle):
    internal = bundle / "_internal"
    size_mb = info.folder_size(bundle) / 1e6
    assert size_mb <= info.TARGET_FOLDER_MB, f"{size_mb:.0f} MB"
    names = {p.name for p in internal.rglob("*")}
    broken = [str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not broken, f"dangling symbolic links: {broken}"
    for unwanted in (
        "libQt6Qml",
        "libQt6Quick",
        "libQt6WebEngine",
        "libQt6Network",
        "libQt6Pdf",
        "libQt6Multimedia",
    ):
        assert not any(n.startswith(unwanted) for n in names), unwanted
    for module in ("QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia", "QtNetwork"):
        assert not any(n.startswith(module + ".") for n in names), module
    for folder in (
        "torch/test",
        "torch/include",
        "torch/utils/tensorboard",
        "torch/utils/benchmark",
        "torch/bin/test_api",
    ):
        assert not (internal / folder).exists(), folder
    qt_translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert qt_translations == {"qtbase_zh_CN.qm"}
    ours = {p.name for p in (internal / "resources" / "translations").iterdir()}
    assert ours == {"lenet_digits_zh_CN.qm"}  # compiled catalogs only


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop entry: Linux only")
def test_desktop_entry(bundle, tmp_path):
    share = bundle / "share"
    entry = share / "applications" / f"{info.DESKTOP_ID}.desktop"
    text = entry.read_text(encoding="utf-8")
    assert "Exec=LeNetDigits" in text and f"Icon={info.DESKTOP_ID}" in text
    for size in info.ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{info.DESKTOP_ID}.png").exists()
    data = tmp_path / "xdg-data"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    script = bundle / "install-desktop-entry.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    installed = (data / "applications" / f"{info.DESKTOP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{info.executable()}"' in installed
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / f"{info.DESKTOP_ID}.png").exists()
    subprocess.run(["sh", str(script), "--uninstall"], env=env, check=True, capture_output=True)
    assert not (data / "applications" / f"{info.DESKTOP_ID}.desktop").exists()


def _problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if ERROR_WORDS.search(line)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb: Linux only")
def test_every_tab_on_a_virtual_screen(bundle, tmp_path):
    """The bundle on a real X server (Xvfb), not offscreen: the self-test's tour, a screenshot of each
    tab into ci-artifacts/, and not one error printed."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        pytest.skip("xvfb-run is not installed (bash packaging/install-system-deps.sh --xvfb)")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    env = _isolated_env(tmp_path)
    env.pop("QT_QPA_PLATFORM")
    result = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1400x900x24", str(info.executable()), "--self-test",
         "--screenshots", str(SCREENSHOTS)],
        capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path, check=False,
    )
    summary = _summary(result.stdout)
    failed = f"failed: {summary.get('failed')}\n{result.stderr[-3000:]}"
    assert result.returncode == 0 and summary["ok"], failed
    assert summary["checks"]["window"]["platform"] == "xcb"
    for name in TABS_PHOTOGRAPHED:
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
        assert shot.stat().st_size > 20_000, f"{shot} is almost empty"
    assert _problems(result.stderr) == []


def test_without_a_display_it_says_so_in_one_sentence(bundle, tmp_path):
    env = _isolated_env(tmp_path)
    for key in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(key, None)
    result = _run(bundle, tmp_path, env=env, timeout=120)
    if not sys.platform.startswith("linux"):
        pytest.skip("other platforms always have a display")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0], result.stderr
    assert "xcb" not in result.stderr and "Reinstalling" not in result.stderr


def test_the_pins_report_what_differs():
    pinned = pins.read_pins()
    for name in ("torch", "pyside6-essentials", "pyqtgraph", "numpy", "pyinstaller"):
        assert name in pinned, name
    moved = {**pinned, "pyqtgraph": "0.0.1"}
    assert any(line.startswith("pyqtgraph ") and "pinned 0.0.1" in line for line in pins.mismatches(moved))


@pytest.mark.skipif(os.environ.get(BUILD_ENV) != "1", reason=f"only where bundles are built ({BUILD_ENV}=1)")
def test_the_bundle_is_built_from_the_pinned_versions():
    assert pins.mismatches() == []
