"""The test-set explorer's computations: answers in batches, the confusion matrix (which must be
`evaluate`'s), the digits behind a cell, ordering by confidence, and the digits a new model changed."""

import numpy as np
import pytest
import torch

from lenet_core import explore
from lenet_core.evaluate import evaluate
from lenet_core.recognizer import Recognizer
from lenet_core.shipped_data import TEST_SAMPLE, load


@pytest.fixture(scope="module")
def digits():
    return load(TEST_SAMPLE)


@pytest.fixture(scope="module", params=["classic", "modern"])
def recognizer(request):
    return Recognizer.load(request.param, device="cpu")


def test_the_explorers_matrix_is_evaluates_on_the_same_model_and_digits(recognizer, digits):
    images, labels = digits.images, digits.labels
    found = explore.answer_all(recognizer, images, batch_size=128)  # several batches, the last one short
    matrix = explore.confusion_matrix(labels, found.predicted)
    reference = evaluate(recognizer, images, labels)
    assert matrix.shape == (10, 11)
    assert np.array_equal(matrix[:, :10], reference.confusion)
    assert np.array_equal(found.predicted, reference.predicted)
    assert matrix.sum() == len(labels)
    assert explore.accuracy(matrix) == pytest.approx(reference.accuracy)
    assert np.array_equal(explore.errors(labels, found.predicted), reference.errors)
    # Each cell opens exactly the digits counted in it.
    for true in range(10):
        for given in range(11):
            assert len(explore.cell_indices(labels, found.predicted, true, given)) == matrix[true, given]


def test_answers_come_in_batches_and_stop_when_asked(recognizer, digits):
    images = digits.images[:250]
    starts = [start for start, part in explore.answer_batches(recognizer, images, batch_size=100)]
    assert starts == [0, 100, 200]
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 2

    got = list(explore.answer_batches(recognizer, images, batch_size=100, should_stop=stop))
    assert [start for start, _ in got] == [0, 100]
    whole = explore.answer_all(recognizer, images)
    assert np.allclose(whole.confidence, explore.Answers.concatenate([a for _, a in got] + [
        explore.answer_batch(recognizer, images[200:])]).confidence, atol=1e-6)
    assert set(whole.status) <= {"digit", "unsure", "not_a_digit", "empty", "error"}
    assert ((whole.confidence > 0.09) & (whole.confidence <= 1.0 + 1e-6))[whole.predicted >= 0].all()


def test_blank_and_unreadable_images_land_in_the_no_digit_column(recognizer):
    blank = np.zeros((28, 28), np.uint8)
    found = explore.answer_batch(recognizer, [blank, np.zeros((0, 3), np.uint8)])
    assert list(found.status) == ["empty", "error"]
    assert list(found.predicted) == [-1, -1]
    matrix = explore.confusion_matrix(np.array([4, 7]), found.predicted)
    assert matrix[4, explore.NO_DIGIT] == 1 and matrix[7, explore.NO_DIGIT] == 1
    assert explore.accuracy(matrix) == 0.0


def test_ordering_by_confidence_keeps_the_sets_order_on_ties():
    confidence = np.array([0.9, 0.2, 0.5, 0.2, 1.0], np.float32)
    assert list(explore.by_confidence(np.arange(5), confidence)) == [1, 3, 2, 0, 4]
    assert list(explore.by_confidence(np.arange(5), confidence, descending=True)) == [4, 0, 2, 1, 3]
    assert list(explore.by_confidence(np.array([2, 3, 1]), confidence)) == [3, 1, 2]


def test_changes_name_the_fixed_and_the_broken_digits():
    labels = np.array([1, 2, 3, 4, 5, 6])
    before = np.array([1, 7, 3, -1, 8, 6])
    after = np.array([1, 2, 9, 4, 0, 6])
    found = explore.changes(labels, before, after)
    assert list(found.fixed) == [1, 3]
    assert list(found.broken) == [2]
    assert list(found.other) == [4]
    assert found.net == 1
    with pytest.raises(ValueError):
        explore.changes(labels, before[:3], after)


def test_a_fine_tuned_copy_changes_exactly_the_digits_whose_answers_differ(digits):
    base = Recognizer.load("modern", device="cpu")
    changed = base.to("cpu")  # a copy
    with torch.no_grad():
        changed.model.output.bias[3] += 4.0  # now leans to 3: some digits break, a few 3s may be fixed
    images, labels = digits.images[:300], digits.labels[:300]
    before, after = explore.answer_all(base, images), explore.answer_all(changed, images)
    found = explore.changes(labels, before.predicted, after.predicted)
    right_before, right_after = before.predicted == labels, after.predicted == labels
    assert len(found.fixed) == int((~right_before & right_after).sum())
    assert len(found.broken) == int((right_before & ~right_after).sum())
    assert explore.accuracy(explore.confusion_matrix(labels, after.predicted)) - explore.accuracy(
        explore.confusion_matrix(labels, before.predicted)
    ) == pytest.approx(found.net / len(labels))


def test_the_test_set_is_mnist_when_found_else_the_shipped_thousand(tmp_path, shared_mnist):
    full = explore.load_test_digits([tmp_path / "nowhere", shared_mnist])
    assert full.source == "mnist" and len(full.labels) == 10000 and full.location == shared_mnist
    assert full.images.shape == (10000, 28, 28)
    fallback = explore.load_test_digits([tmp_path / "nowhere"])
    assert fallback.source == "shipped" and len(fallback.labels) == 1000
    assert np.array_equal(fallback.images, full.images[:1000])  # the shipped subset is MNIST's first 1,000
