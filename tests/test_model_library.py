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
from lenet_core.model_library import DEFAULT_ACTIVE, INDEX_NAME, LOCK_NAME, LibraryError, ModelLibrary
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
    entries = lib.entries()
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
    entries = {e.id: e for e in lib.entries()}
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
    kept = [e for e in lib.entries() if not e.shipped]
    assert len(kept) >= 5
    assert all(e.ok for e in kept), [e.broken for e in kept if not e.ok]
    for e in kept:
        assert lib.load(e, device="cpu").arch == "modern"
    assert lib.active().ok
    # Only stray temp files may be left beside the models, the index and its lock file,
    # and the next start removes them.
    others = {p.name for p in models.iterdir()} - {e.path.name for e in kept} - {INDEX_NAME, LOCK_NAME}
    assert all(name.endswith(".tmp") for name in others), others
    lib.remove_stray_files()
    assert {p.name for p in models.iterdir()} == {e.path.name for e in kept} | {INDEX_NAME, LOCK_NAME}


def test_stray_temp_files_are_removed_and_nothing_else(tmp_path: Path, result) -> None:
    lib = ModelLibrary(tmp_path)
    kept = lib.save(result, "kept")
    strays = [
        tmp_path / "finetuned-v2.safetensorsab12cd.tmp",
        tmp_path / "library.jsonx9y8.tmp",
        tmp_path / ".tmpAb12Cd",  # how earlier versions' weight writes named their temp file
    ]
    for path in strays:
        path.write_bytes(b"half written")
    theirs = [tmp_path / "notes.tmp", tmp_path / ".tmp-notes"]  # not names the library writes: left alone
    for path in theirs:
        path.write_text("mine")
    removed = ModelLibrary(tmp_path).remove_stray_files()
    assert sorted(removed) == sorted(strays)
    assert not any(p.exists() for p in strays)
    assert all(p.exists() for p in theirs) and kept.path.exists()


def test_listing_reads_headers_only(tmp_path: Path, result, monkeypatch) -> None:
    import lenet_core.weights as weights

    lib = ModelLibrary(tmp_path)
    for n in range(3):
        lib.save(result, f"model {n}")
    cut = tmp_path / "finetuned-v9.safetensors"
    cut.write_bytes(lib.get("v1").path.read_bytes()[:-100])  # the end of its tensors is missing

    def no_tensors(*args, **kwargs):
        raise AssertionError("listing must not load tensors")

    monkeypatch.setattr(weights, "load_weights", no_tensors)  # where the library takes it from
    entries = {e.id: e for e in ModelLibrary(tmp_path).entries()}
    assert [entries[f"v{n}"].name for n in (1, 2, 3)] == ["model 0", "model 1", "model 2"]
    assert all(entries[f"v{n}"].ok and entries[f"v{n}"].arch == "modern" for n in (1, 2, 3))
    assert entries["v1"].metadata["samples_used"] == "4"
    assert not entries["v9"].ok and "cut off" in entries["v9"].broken


def test_tensors_damaged_behind_a_good_header_fail_at_load(tmp_path: Path, result) -> None:
    from lenet_core.weights import save_weights

    model = result.model.cpu()
    broken = {k: v.clone() for k, v in model.state_dict().items()}
    with torch.no_grad():
        model_copy = type(model)()
        model_copy.load_state_dict(broken)
        next(model_copy.parameters()).fill_(float("nan"))
    model_copy.arch = model.arch
    save_weights(model_copy, tmp_path / "finetuned-v1.safetensors", {"name": "nan"})
    lib = ModelLibrary(tmp_path)
    assert lib.get("v1").ok  # the header is fine: listing cannot tell
    with pytest.raises(WeightsError, match="NaN"):
        lib.load("v1", device="cpu")


SAVER_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import torch
    torch.set_num_threads(1)
    from lenet_core.models import build_model
    from lenet_core.model_library import ModelLibrary

    folder, tag, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    lib = ModelLibrary(folder)
    model = build_model("classic")
    print("ready", flush=True)
    while not go.exists():  # both processes start saving at the same moment
        time.sleep(0.005)
    for n in range(25):
        with torch.no_grad():
            next(model.parameters()).fill_(float(n))  # each saved file differs
        lib.save(model, f"{tag} {n}")
    """
)


def test_two_processes_saving_at_once_never_overwrite_each_other(tmp_path: Path) -> None:
    go = tmp_path / "go"
    models = tmp_path / "models"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    procs = [
        subprocess.Popen([sys.executable, "-c", SAVER_SCRIPT, str(models), tag, str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for tag in ("first", "second")
    ]
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()[-2000:]
        go.touch()
        for proc in procs:
            assert proc.wait(120) == 0, proc.stderr.read()[-2000:]
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
            proc.stdout.close()
            proc.stderr.close()

    files = sorted(models.glob("finetuned-v*.safetensors"))
    assert len(files) == 50  # 50 distinct files: no save replaced another
    lib = ModelLibrary(models)
    kept = [e for e in lib.entries() if not e.shipped]
    assert sorted(e.version for e in kept) == list(range(1, 51))
    names = {e.name for e in kept}
    assert names == {f"{tag} {n}" for tag in ("first", "second") for n in range(25)}
    index = json.loads((models / INDEX_NAME).read_text())
    assert index["next_version"] == 51
    # The index agrees with the files: every version has its own name, and the file says the same.
    assert index["names"] == {e.id: e.name for e in kept}
    assert all(e.metadata["name"] == e.name and e.metadata["version"] == str(e.version) for e in kept)
