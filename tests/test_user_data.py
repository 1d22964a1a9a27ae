"""Where the user's data lives: platform defaults and the two overrides."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lenet_core import user_data


@pytest.fixture
def fake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    for var in (user_data.ENV_VAR, "XDG_DATA_HOME", "APPDATA"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.mark.parametrize(
    ("platform", "relative"),
    [
        ("linux", Path(".local/share/lenet-digits")),
        ("darwin", Path("Library/Application Support/LeNet Digits")),
        ("win32", Path("AppData/Roaming/LeNet Digits")),
    ],
)
def test_platform_defaults(fake_home: Path, monkeypatch: pytest.MonkeyPatch, platform: str, relative: Path):
    monkeypatch.setattr(sys, "platform", platform)
    assert user_data.default_data_dir() == fake_home / relative
    created = user_data.data_dir()
    assert created == fake_home / relative and created.is_dir()


def test_xdg_and_appdata_are_honoured(fake_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data.default_data_dir() == tmp_path / "xdg" / "lenet-digits"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # invalid per the XDG spec: ignored
    assert user_data.default_data_dir() == fake_home / ".local/share/lenet-digits"

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert user_data.default_data_dir() == tmp_path / "Roaming" / "LeNet Digits"


def test_env_var_and_explicit_override(fake_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(user_data.ENV_VAR, str(tmp_path / "from-env"))
    assert user_data.data_dir() == tmp_path / "from-env"
    # The explicit argument (the app's --data-dir) beats the environment variable.
    assert user_data.data_dir(tmp_path / "from-arg") == tmp_path / "from-arg"
    assert user_data.models_dir(tmp_path / "from-arg") == tmp_path / "from-arg" / "models"
    assert (tmp_path / "from-arg" / "models").is_dir()
    assert user_data.samples_db_path() == tmp_path / "from-env" / "samples.sqlite3"
    assert not user_data.samples_db_path().exists()  # the store creates the file, not the path helper
    assert not (fake_home / ".local").exists()
