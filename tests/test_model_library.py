"""Kept models: versioned files, names, the active pointer, broken files, and crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from lenet_core import Recognizer, WeightsError, synthetic
from lenet_core.finetune import FineTuneConfig, fine_tune
from lenet_core.model_library import DEFAULT_ACTIVE, INDEX_NAME, LibraryError, ModelLibrary
from lenet_core.resources import shipped_weights

pytestmark = pytest.mark.skipif(not shipped_weights("modern").exists(), reason="no shipped modern weights")


@pytest.fixture(scope="module")
def result():
    rng = np.random.default_rng(0)
    images = [synthetic.sample(d, "plain", rng) for d in (2, 5, 2, 5)]
    return fine_tune(Recognizer.load("modern", device="cpu"), images, [2, 5, 2, 5],
                     FineTuneConfig(epochs=1, min_epoch_draws=16))


def test_shipped_entries_come_first_and_are_protected(tmp_path: Path) -> None:
    lib = ModelLibrary(tmp_path)
    entries = lib.list()
    assert [e.id for e in entries] == ["shipped:modern", "shipped:classic"]
    modern = entries[0]
    assert modern.shipped and modern.ok and modern.arch == "modern"
    with pytest.raises(LibraryError, match="shipped"):
        lib.rename(modern, "mine")
    with pytest.raises(LibraryError, match="shipped"):
        lib.delete(modern)
    assert lib.active().id == DEFAULT_ACTIVE
    assert lib.load(modern, device="cpu").arch == "modern"


def test_save_reload_versions_never_reused(tmp_path: Path, result) -> None:
    lib = ModelLibrary(tmp_path)
    first = lib.save(result, "  My\nhandwriting ")
    assert (first.id, first.version, first.name) == ("v1", 1, "My handwriting")
    assert first.path.name == "finetuned-v1.safetensors" and first.ok and first.arch == "modern"
    assert first.metadata["base_arch"] == "modern" and first.metadata["samples_used"] == "4"

    rec = lib.load(first, device="cpu")
    x = torch.rand(3, 1, 32, 32)
    with torch.no_grad():
        assert torch.allclose(rec.model(x), result.model.cpu().eval()(x), atol=1e-6)

    second = lib.save(result)
    assert second.version == 2 and second.name
    lib.delete(second)
    assert not second.path.exists()
    assert lib.save(result, "third").version == 3  # a deleted number is never handed out again
    assert first.path.stat().st_size > 0  # untouched


def test_rename_and_active_persist(tmp_path: Path, result) -> None:
    lib = ModelLibrary(tmp_path)
    entry = lib.save(result, "a")
    lib.rename(entry, "Sunday's digits")
    lib.set_active(entry)
    again = ModelLibrary(tmp_path)
    assert again.get("v1").name == "Sunday's digits"
    assert again.active().id == "v1"
    with pytest.raises(LibraryError, match="empty"):
        again.rename("v1", "   ")
    assert again.reset_active().id == DEFAULT_ACTIVE
    again.set_active("v1")
    again.delete("v1")  # deleting the active model falls back to the shipped one
    assert ModelLibrary(tmp_path).active().id == DEFAULT_ACTIVE
    with pytest.raises(LibraryError, match="no model"):
        again.get("v1")


def test_broken_file_is_listed_with_reason_and_never_deleted(tmp_path: Path, result) -> None:
    lib = ModelLibrary(tmp_path)
    lib.save(result, "good")
    bad = tmp_path / "finetuned-v7.safetensors"
    bad.write_bytes(b"not a safetensors file")
    entries = {e.id: e for e in lib.list()}
    assert entries["v1"].ok
    assert not entries["v7"].ok and "safetensors" in entries["v7"].broken
    with pytest.raises(WeightsError):
        lib.load("v7")
    with pytest.raises(LibraryError, match="cannot be made active"):
        lib.set_active("v7")
    assert lib.save(result).version == 8
    assert bad.read_bytes() == b"not a safetensors file"  # still there, untouched


def test_damaged_index_recovers_names_from_files(tmp_path: Path, result) -> None:
    lib = ModelLibrary(tmp_path)
    lib.save(result, "kept name")
    (tmp_path / INDEX_NAME).write_text("{ damaged")
    again = ModelLibrary(tmp_path)
    assert again.get("v1").name == "kept name"  # from the weights' metadata
    assert again.index_problem and "could not be read" in again.index_problem
    assert again.save(result).version == 2  # the number is still found from the files
    assert (tmp_path / (INDEX_NAME + ".damaged")).read_text() == "{ damaged"
    assert json.loads((tmp_path / INDEX_NAME).read_text())["next_version"] == 3


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys
    import numpy as np, torch
    torch.set_num_threads(1)
    from lenet_core import Recognizer, synthetic
    from lenet_core.finetune import FineTuneConfig, fine_tune
    from lenet_core.model_library import ModelLibrary

    lib = ModelLibrary(sys.argv[1])
    rng = np.random.default_rng(0)
    images = [synthetic.sample(d, "plain", rng) for d in (3, 8, 3, 8)]
    result = fine_tune(Recognizer.load("modern", device="cpu"), images, [3, 8, 3, 8],
                       FineTuneConfig(epochs=1, min_epoch_draws=16))
    n = 0
    while True:  # save, rename and activate as fast as possible until killed
        entry = lib.save(result, f"model {n}")
        lib.rename(entry, f"renamed {n}")
        lib.set_active(entry)
        print(n, flush=True)
        n += 1
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_save_leaves_everything_readable(tmp_path: Path) -> None:
    models = tmp_path / "models"
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(models)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        saved = 0
        while saved < 5 and time.monotonic() < deadline:  # let it get well into the save loop
            line = proc.stdout.readline()
            if not line:
                break
            saved += 1
        time.sleep(np.random.default_rng().uniform(0, 0.05))  # land anywhere in a save
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(10)
        err = proc.stderr.read()
        proc.stdout.close()
        proc.stderr.close()
    assert saved >= 5, err[-2000:]

    lib = ModelLibrary(models)
    assert lib.index_problem is None
    json.loads((models / INDEX_NAME).read_text())
    kept = [e for e in lib.list() if not e.shipped]
    assert len(kept) >= 5
    assert all(e.ok for e in kept), [e.broken for e in kept if not e.ok]
    for e in kept:
        assert lib.load(e, device="cpu").arch == "modern"
    assert lib.active().ok
    # Only stray temp files may be left beside the models and the index.
    others = {p.name for p in models.iterdir()} - {e.path.name for e in kept} - {INDEX_NAME}
    assert all(name.endswith(".tmp") for name in others), others
