"""`lenet-digits --self-test` from the installed package (the bundle runs the same code: test_bundle.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from app.main import parse_args


def test_the_flags_parse():
    assert parse_args(["--self-test"]).self_test
    assert parse_args(["--measure-startup"]).measure_startup
    assert not parse_args([]).self_test


def test_self_test_passes_from_the_installed_package(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("LENET_DIGITS_RESOURCES", None)
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    summary = json.loads(result.stdout[result.stdout.find("{\n") :])
    assert result.returncode == 0, f"{summary.get('failed')}: {result.stderr[-2000:]}"
    assert summary["ok"] and not summary["frozen"] and not summary["failed"]
    assert summary["checks"]["folder_untouched"]["ok"]
    assert summary["checks"]["explain"]["ok"]  # a unit hovered and clicked, a saliency map
    assert not any((tmp_path / "config").rglob("*.conf"))  # the self-test used its own settings file


def test_measure_startup_prints_and_quits(tmp_path):
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LENET_DIGITS_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        [sys.executable, "-m", "app.main", "--measure-startup"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("LENET_DIGITS_STARTUP "))
    record = json.loads(line.split(" ", 1)[1])
    assert record["window_shown_epoch"] <= record["model_ready_epoch"]
    if record["process_start_epoch"] is not None:  # known on Linux (/proc)
        assert record["process_start_epoch"] <= record["window_shown_epoch"]


BROKEN_WIDGETS = """
import sys
sys.modules["pyqtgraph"] = None  # the chart's library is missing, as it was from a bundle
import app.pages.train.sample_gallery as gallery

def broken(self, *args):
    raise RuntimeError("thumbnail painting broke")

gallery.SampleListModel.data = broken  # every thumbnail raises when the view paints it
from app.main import main
sys.exit(main(["--self-test"]))
"""


def test_the_self_test_fails_when_a_widget_raises_or_cannot_be_built(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", BROKEN_WIDGETS], capture_output=True, text=True,
                            timeout=300, env=env, cwd=tmp_path, check=False)
    summary = json.loads(result.stdout[result.stdout.find("{\n") :])
    assert result.returncode == 1 and not summary["ok"]
    checks = summary["checks"]
    assert not checks["tabs"]["ok"] and "training chart" in checks["tabs"]["reason"]
    assert not checks["gallery"]["ok"] and "thumbnail painting broke" in checks["gallery"]["reason"]
    assert checks["recognition"]["ok"] and checks["drawing"]["ok"], "the parts that work still pass"
    assert "self-test FAILED" in result.stderr
