"""The fine-tuning engine: progress, cancel, divergence, bad input, metrics, and a real style fix."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from lenet_core import Recognizer, build_model, finetune, synthetic
from lenet_core.finetune import (
    FineTuneCancelled,
    FineTuneConfig,
    FineTuneDiverged,
    FineTuneError,
    InvalidSampleError,
    NotEnoughSamplesError,
    fine_tune,
    predict_ink,
    split_holdout,
)
from lenet_core.finetune_types import DEFAULT_LR, DEFAULT_REPLAY
from lenet_core.preprocess import preprocess
from lenet_core.resources import shipped_weights

pytestmark = pytest.mark.skipif(not shipped_weights("modern").exists(), reason="no shipped modern weights")

# Small and quick: 2 epochs of 2 steps (16 user samples per batch).
QUICK = FineTuneConfig(epochs=2, batch_size=32, min_epoch_draws=32, replay_ratio=0.5)
BLANK = np.full((280, 280), 255, dtype=np.uint8)
USER_DIGITS = (3, 7)  # written mirrored: a style the shipped models never saw


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer.load("modern", device="cpu")


@pytest.fixture(scope="module")
def style_samples() -> tuple[list[np.ndarray], list[int]]:
    """The user's style: 3s and 7s written back to front, as a child might, 10 of each."""
    images, labels = [], []
    for k, digit in enumerate(USER_DIGITS):
        ims, labs = synthetic.make_set(digit, "plain", 10, seed=300 + k, mirror=True)
        images += ims
        labels += labs.tolist()
    return images, labels


def state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def same_state(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_progress_history_metrics_and_base_untouched(recognizer, style_samples) -> None:
    before = state(recognizer.model)
    reports: list[finetune.Progress] = []
    images, labels = style_samples
    result = fine_tune(recognizer, images, labels, QUICK, progress=reports.append)

    assert same_state(before, state(recognizer.model))  # the app's model is never touched
    assert result.model is not recognizer.model
    assert [r.step for r in reports] == list(range(1, reports[-1].total_steps + 1))
    assert reports[-1].step == reports[-1].total_steps == len(result.history) == 4
    assert all(math.isfinite(r.loss) and 0 <= r.accuracy <= 1 and r.eta_s >= 0 for r in reports)
    assert reports[-1].eta_s == 0 and reports[-1].fraction == 1.0
    assert [r.epoch for r in reports if r.holdout_accuracy is not None] == [1, 2]  # end of each epoch

    # 20 samples: 2 of each digit held out (stratified), 16 trained on.
    assert len(result.holdout_indices) == 4 and result.samples_used == 16
    assert sorted(labels[i] for i in result.holdout_indices) == [3, 3, 7, 7]
    assert set(result.holdout_indices).isdisjoint(result.train_indices)
    assert 0 <= result.holdout_before <= 1 and 0 <= result.holdout_after <= 1
    assert 0.9 < result.mnist_before <= 1 and 0.9 < result.mnist_after <= 1
    for c in result.changed:
        assert c.index in result.holdout_indices and c.label == labels[c.index] and c.before != c.after
    assert result.samples_per_class == {d: 10 for d in USER_DIGITS}
    assert result.elapsed_s > 0

    meta = result.metadata()
    assert all(isinstance(v, str) for v in meta.values())
    assert meta["base_arch"] == "modern" and meta["samples_used"] == "16"
    assert float(meta["mnist_accuracy_after"]) == pytest.approx(result.mnist_after, abs=1e-4)
    answer = result.recognizer().predict(images[0])  # a back-to-front 3: a digit or "not a digit"
    assert answer.status in ("digit", "unsure", "not_a_digit") and answer.probabilities is not None
    assert abs(float(answer.probabilities.sum()) - 1) < 1e-4


def test_cancel_raises_and_leaves_base(recognizer, style_samples) -> None:
    before = state(recognizer.model)
    calls = []
    with pytest.raises(FineTuneCancelled):
        fine_tune(recognizer, *style_samples, QUICK, progress=calls.append,
                  should_cancel=lambda: len(calls) >= 3)
    assert len(calls) == 3
    assert same_state(before, state(recognizer.model))


def test_nan_loss_stops_with_explanation(recognizer, style_samples, monkeypatch) -> None:
    before = state(recognizer.model)
    monkeypatch.setattr(finetune, "_balanced_loss", lambda model, output, target: output.sum() * float("nan"))
    with pytest.raises(FineTuneDiverged, match="learning rate") as info:
        fine_tune(recognizer, *style_samples, QUICK)
    assert isinstance(info.value, FineTuneError)
    assert same_state(before, state(recognizer.model))


def test_huge_learning_rate_never_returns_a_broken_model(recognizer, style_samples) -> None:
    try:
        result = fine_tune(recognizer, *style_samples, FineTuneConfig(epochs=1, min_epoch_draws=16, lr=1e9))
    except FineTuneDiverged:
        return
    assert all(torch.isfinite(p).all() for p in result.model.parameters())


def test_bad_input_errors(recognizer) -> None:
    seven = synthetic.sample(7, "plain", np.random.default_rng(0))
    with pytest.raises(NotEnoughSamplesError, match="two different"):
        fine_tune(recognizer, [], [], QUICK)
    with pytest.raises(NotEnoughSamplesError, match="blank"):
        fine_tune(recognizer, [BLANK, BLANK], [1, 2], QUICK)
    with pytest.raises(NotEnoughSamplesError, match="two different digits"):
        fine_tune(recognizer, [seven, seven, BLANK], [7, 7, 3], QUICK)
    with pytest.raises(InvalidSampleError, match="0-9"):
        fine_tune(recognizer, [seven, seven], [7, 10], QUICK)
    with pytest.raises(InvalidSampleError, match="label"):
        fine_tune(recognizer, [seven, seven], [7], QUICK)
    assert issubclass(NotEnoughSamplesError, ValueError)


def test_replay_ratio_always_leaves_room_for_a_user_sample(recognizer, style_samples) -> None:
    # round(2 * 0.75) == 2 would leave no user sample in a batch (a division by zero before).
    cfg = FineTuneConfig(epochs=1, batch_size=2, replay_ratio=0.75, min_epoch_draws=4)
    result = fine_tune(recognizer, *style_samples, cfg)
    assert len(result.history) == 16  # 16 training samples, one per batch of 1 user + 1 replay digit


def test_blank_images_are_skipped_and_reported(recognizer) -> None:
    rng = np.random.default_rng(1)
    images = [synthetic.sample(3, "plain", rng), BLANK, synthetic.sample(8, "plain", rng)]
    result = fine_tune(recognizer, images, [3, 5, 8], FineTuneConfig(epochs=1, min_epoch_draws=16))
    assert [(s.index, "blank" in s.reason) for s in result.skipped] == [(1, True)]
    assert sorted(result.train_indices) == [0, 2] and result.holdout_indices == []  # too few to hold out
    assert result.holdout_before is None and result.metadata()["holdout_accuracy_after"] == ""


def test_holdout_split_is_stratified() -> None:
    cfg = FineTuneConfig()
    labels = np.array([0] * 10 + [1] * 5 + [2])
    train, hold = split_holdout(labels, cfg)
    assert sorted(labels[hold].tolist()) == [0, 0, 1]  # 20% of each digit; a single 2 stays in training
    assert len(np.intersect1d(train, hold)) == 0 and len(train) + len(hold) == len(labels)
    assert len(split_holdout(labels[:9], cfg)[1]) == 0  # fewer than 10 samples: nothing held out


def test_fine_tuning_fixes_a_style(recognizer, style_samples) -> None:
    """20 samples of a style the shipped model misreads: a short run must at least halve its error."""
    test_images, test_labels = [], []
    for k, digit in enumerate(USER_DIGITS):
        ims, labs = synthetic.make_set(digit, "plain", 30, seed=900 + k, mirror=True)
        test_images += ims
        test_labels += labs.tolist()
    x = torch.from_numpy(np.stack([preprocess(im) for im in test_images]))[:, None]
    y = np.array(test_labels)
    cfg = FineTuneConfig(epochs=5, min_epoch_draws=128)  # the modern model's default rate
    result = fine_tune(recognizer, *style_samples, cfg)
    assert result.config.lr == DEFAULT_LR["modern"]
    assert result.config.replay_ratio == DEFAULT_REPLAY["modern"]
    before = float((predict_ink(recognizer.model, x, recognizer.device) != y).mean())
    after = float((predict_ink(result.model, x, result.device) != y).mean())
    assert before >= 0.2
    assert after <= before / 2
    assert result.mnist_after >= result.mnist_before - 0.01


@pytest.mark.parametrize("layers", ["classifier", "head"])
def test_frozen_layers_stay_frozen(recognizer, style_samples, layers) -> None:
    cfg = FineTuneConfig(epochs=1, min_epoch_draws=16, layers=layers)
    result = fine_tune(recognizer, *style_samples, cfg)
    base = dict(recognizer.model.named_parameters())
    trained = finetune.LAYER_GROUPS[layers]
    for name, p in result.model.named_parameters():
        changed = not torch.equal(p, base[name])
        assert changed == (name.split(".")[0] in trained), name


def test_classic_model_as_a_plain_module(style_samples) -> None:
    model = build_model("classic")  # untrained is fine: this checks the classic path (RBF, MAP loss)
    result = fine_tune(model, *style_samples, FineTuneConfig(epochs=1, min_epoch_draws=16))
    assert result.base_arch == "classic" and result.device.type == "cpu"
    assert result.config.lr == DEFAULT_LR["classic"]  # the classic model's own default rate
    assert result.config.replay_ratio == DEFAULT_REPLAY["classic"]  # and its own share of replay digits
    assert all(torch.isfinite(p).all() for p in result.model.parameters())


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_cuda(recognizer, style_samples) -> None:
    cfg = FineTuneConfig(epochs=1, min_epoch_draws=16, device="cuda")
    result = fine_tune(recognizer, *style_samples, cfg)
    assert next(result.model.parameters()).device.type == "cuda"
    assert next(recognizer.model.parameters()).device.type == "cpu"
