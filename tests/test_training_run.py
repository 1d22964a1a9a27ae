"""The step-wise training engine and its MNIST cache: cached data equals fresh preprocessing, a damaged
cache is rebuilt, a paused run ends with the weights of an uninterrupted one, cancel stops it, and the
result carries its recipe and accuracy."""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from lenet_core import mnist_cache
from lenet_core.mnist_cache import cache_path, load_prepared, to_float
from lenet_core.preprocess import preprocess
from lenet_core.run_control import RunCancelled, RunControl, drive
from lenet_core.shipped_data import REPLAY, TEST_SAMPLE, load
from lenet_core.train_config import TrainConfig
from lenet_core.training_run import TrainingRun, learn_recipe
from tests.test_mnist import write_split

SMALL = TrainConfig(arch="modern", epochs=1, batch_size=64, lr=3e-3, augment=True)


@pytest.fixture(scope="module")
def mnist_folder(tmp_path_factory):
    """A small MNIST in IDX files: 600 training digits, 300 test digits, the first test digit blank."""
    folder = tmp_path_factory.mktemp("mnist")
    train, test = load(REPLAY), load(TEST_SAMPLE)
    test_images = test.images[:300].copy()
    test_images[0] = 0
    write_split(folder, train.images[:600], train.labels[:600], split="train")
    write_split(folder, test_images, test.labels[:300], split="test")
    return folder


@pytest.fixture(scope="module")
def prepared(mnist_folder, tmp_path_factory):
    return load_prepared(mnist_folder, tmp_path_factory.mktemp("cache"))


def test_cache_round_trip_matches_fresh_preprocessing(mnist_folder, tmp_path):
    built = load_prepared(mnist_folder, tmp_path)
    assert built.source == "built" and cache_path(built.data_sha256, tmp_path).exists()
    cached = load_prepared(mnist_folder, tmp_path)
    assert cached.source == "cache"
    for a, b in ((built.train_ink, cached.train_ink), (built.test_ink, cached.test_ink),
                 (built.train_labels, cached.train_labels), (built.test_labels, cached.test_labels)):
        np.testing.assert_array_equal(a, b)
    assert cached.train_ink.dtype == np.uint16 and cached.train_ink.shape == (600, 32, 32)
    # The blank test digit is dropped but still counted, so it counts as an error.
    assert len(cached.test_ink) == 299 and cached.test_total == 300
    raw = load(REPLAY).images
    for i in (0, 17, 599):
        np.testing.assert_allclose(to_float(cached.train_ink[i]), preprocess(raw[i]), atol=1e-5)
    assert list(tmp_path.glob("*.tmp")) == []


def test_damaged_cache_is_detected_and_rebuilt(mnist_folder, tmp_path):
    built = load_prepared(mnist_folder, tmp_path)
    path = cache_path(built.data_sha256, tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte inside the training images
    path.write_bytes(bytes(data))
    again = load_prepared(mnist_folder, tmp_path)
    assert again.source.startswith("rebuilt") and "CRC" in again.source
    np.testing.assert_array_equal(again.train_ink, built.train_ink)
    assert load_prepared(mnist_folder, tmp_path).source == "cache"  # the rebuilt file is sound

    path.write_bytes(b"not a zip file")
    assert load_prepared(mnist_folder, tmp_path).source.startswith("rebuilt")


def test_cache_made_by_other_preprocessing_is_rebuilt(mnist_folder, tmp_path, monkeypatch):
    load_prepared(mnist_folder, tmp_path)
    # Preprocessing that changed without anyone bumping the version: the probe digits disagree.
    monkeypatch.setattr(mnist_cache, "preprocess", lambda image: np.zeros((32, 32), np.float32))
    assert "preprocessing has changed" in load_prepared(mnist_folder, tmp_path).source


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(mnist_cache.ENV_VAR, str(tmp_path / "c"))
    assert mnist_cache.cache_dir() == tmp_path / "c"


def _weights(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _run(prepared, config=SMALL) -> TrainingRun:
    return TrainingRun(prepared.train_ink, prepared.train_labels, config, "cpu",
                       prepared.test_ink, prepared.test_labels, prepared.test_total)


def test_paused_and_resumed_run_ends_with_the_same_weights(prepared):
    plain = drive(_run(prepared), test_every_s=1e9)

    control = RunControl()
    seen_steps: list[int] = []
    reads: list[np.ndarray] = []

    def on_progress(p):
        seen_steps.append(p.step)
        if p.step == 3:
            control.pause()
            # While paused, the model in training still reads a drawing, and then the run goes on.
            control.between_steps(lambda run: reads.append(run.probabilities(to_float(prepared.test_ink[1]))))
            threading.Timer(0.2, control.resume).start()

    paused = drive(_run(prepared), control, on_progress, report_every_s=0.0, test_every_s=1e9)
    assert paused.steps == plain.steps == 10
    for name, value in _weights(plain.model).items():
        torch.testing.assert_close(_weights(paused.model)[name], value, rtol=0, atol=0)
    assert len(reads) == 1 and reads[0].shape == (10,) and abs(reads[0].sum() - 1) < 1e-5
    assert paused.train_seconds < 30  # the pause itself is not training time
    assert paused.test_accuracy == plain.test_accuracy


def test_steps_give_way_while_the_user_draws_and_readings_are_still_served(prepared):
    run, control, read_at = _run(prepared), RunControl(), []
    control.give_way(0.3)
    control.between_steps(lambda r: read_at.append(r.step_count))
    assert control.checkpoint(run) >= 0.25  # held (and not counted as training time)
    assert read_at == [0]  # the drawing was read at once, not after the hold
    assert control.checkpoint(run) == 0.0  # the pen rests: the next step goes at once
    control.give_way(0.2)
    control.cancel()
    with pytest.raises(RunCancelled):  # cancel does not wait for the hold to end
        control.checkpoint(run)


def test_cancel_stops_between_steps(prepared):
    control = RunControl()
    steps: list[int] = []

    def on_progress(p):
        steps.append(p.step)
        if p.step >= 2:
            control.cancel()

    with pytest.raises(RunCancelled):
        drive(_run(prepared), control, on_progress, report_every_s=0.0, test_every_s=1e9)
    assert steps[-1] == 2


def test_progress_and_result_metadata(prepared):
    events = []
    result = drive(_run(prepared, TrainConfig(arch="classic", epochs=2, batch_size=128, augment=False)),
                   on_progress=events.append, report_every_s=0.0, test_every_s=0.0)
    assert [e.step for e in events] == list(range(1, 11))
    assert [e.epoch for e in events][:5] == [1, 1, 1, 1, 2] and events[-1].epoch == 2
    assert all(e.test_accuracy is not None for e in events) and events[-1].seconds_left == 0.0
    assert events[-1].kernels is not None and events[-1].kernels.c1.shape == (6, 5, 5)
    assert events[-1].kernels.c3.shape == (4, 6, 5, 5)
    assert all(e.images_per_s > 0 and np.isfinite(e.loss) for e in events)
    # Accuracy over all 300 test digits, the blank one counted wrong.
    assert result.test_accuracy == events[-1].test_accuracy and result.test_accuracy <= 299 / 300
    meta = result.metadata()
    assert meta["kind"] == "trained" and meta["arch"] == "classic"
    assert '"epochs": 2' in meta["recipe"] and meta["test_accuracy"] == f"{result.test_accuracy:.4f}"
    assert meta["train_images"] == "600" and meta["test_images"] == "300" and meta["train_steps"] == "10"
    assert float(meta["train_seconds"]) > 0 and not result.model.training


def test_learning_improves_on_chance(prepared):
    recipe = TrainConfig(arch="modern", epochs=3, batch_size=32, lr=4e-3, augment=False)
    result = drive(_run(prepared, recipe), test_every_s=1e9)
    assert result.test_accuracy is not None and result.test_accuracy > 0.6


def test_empty_or_mismatched_data_is_refused():
    with pytest.raises(ValueError, match="one label each"):
        TrainingRun(np.zeros((0, 32, 32), np.float32), np.zeros(0), SMALL)
    with pytest.raises(ValueError, match="one label each"):
        TrainingRun(np.zeros((3, 32, 32), np.float32), np.zeros(2), SMALL)


def test_each_architecture_learns_with_its_own_recipe():
    # The paper's network does worse with the modern one's larger batches and higher rate.
    modern, classic = learn_recipe("modern"), learn_recipe("classic")
    assert (modern.arch, classic.arch) == ("modern", "classic")
    assert classic.batch_size < modern.batch_size and classic.lr < modern.lr
    assert classic.epochs == modern.epochs and not classic.augment
