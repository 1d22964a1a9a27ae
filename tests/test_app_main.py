"""The `lenet-digits` command line, and the test-leak guard of conftest.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThread, QTimer

from app import __version__
from app.main import main, parse_args
from tests.conftest import _qt_leftovers


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--data-dir", "--lang", "--version"):
        assert option in out


def test_options(tmp_path):
    args = parse_args(["--data-dir", str(tmp_path), "--lang", "zh_CN"])
    assert args.data_dir == tmp_path and args.lang == "zh_CN"
    with pytest.raises(SystemExit):
        parse_args(["--lang", "klingon"])


def test_the_leak_guard_sees_running_threads_and_active_timers(qapp):
    timer = QTimer()
    timer.setObjectName("forgotten")
    timer.start(10000)
    thread = QThread()
    thread.setObjectName("forgotten-thread")
    thread.start()
    leftovers = _qt_leftovers()
    assert any("forgotten" in item and "QTimer" in item for item in leftovers)
    assert any("forgotten-thread" in item for item in leftovers)
    # The guard also stops them, so one leaky test does not fail all the following ones.
    assert not timer.isActive() and thread.isFinished()
    assert _qt_leftovers() == []
