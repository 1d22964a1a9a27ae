"""The Explore page: its confusion matrix is `evaluate`'s, a cell opens its digits least sure first, a
double-click puts a digit on the Recognise page's sheet, a fine-tune's fixed and broken digits are
named, and the user's samples can be explored too."""

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.pages.explorer import ExplorerPage
from app.session import PastedImage
from lenet_core import explore
from lenet_core.evaluate import evaluate
from lenet_core.shipped_data import TEST_SAMPLE, load
from tests.app_support import make_window


def explorer_of(window) -> ExplorerPage:
    return next(p for p in window.pages if isinstance(p, ExplorerPage))


def wait_for_answers(qtbot, page: ExplorerPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy() and not page.runner.is_running(), timeout=60000)
    assert page.digits is not None and page.message_text() == ""


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    page = explorer_of(window)
    page.mnist_dirs = (tmp_path / "no-mnist-here",)  # the 1,000 shipped test digits: a fast test
    window.show_page("explorer")
    wait_for_answers(qtbot, page)
    return window


def test_the_matrix_is_evaluates_and_a_cell_opens_its_digits_least_sure_first(qtbot, window):
    page = explorer_of(window)
    digits = load(TEST_SAMPLE)
    assert "MNIST was not found" in page.note.text() and "1000 test digits shipped" in page.note.text()
    reference = evaluate(window.session.recognizer(), digits.images, digits.labels)
    shown = page.matrix.matrix
    assert np.array_equal(shown[:, :10], reference.confusion)
    assert shown.sum() == 1000
    assert f"{reference.accuracy:.2%}" in page.summary.text()
    # The errors are listed at first; then a click on the busiest wrong cell opens exactly its digits.
    assert page.grid.model().rowCount() == len(reference.errors)
    wrong = shown[:, :10] * (1 - np.eye(10, dtype=np.int64))
    true, given = np.unravel_index(int(wrong.argmax()), wrong.shape)
    qtbot.mouseClick(page.matrix, Qt.MouseButton.LeftButton, pos=page.matrix.cell_rect(true, given).center())
    model = page.grid.digit_model
    assert model.rowCount() == shown[true, given] > 0
    rows = [model.digit_index(r) for r in range(model.rowCount())]
    assert all(digits.labels[i] == true and reference.predicted[i] == given for i in rows)
    confidence = page.answers.confidence[rows]
    assert np.all(np.diff(confidence) >= 0)
    page.sort_choice.setCurrentIndex(1)  # most sure first
    rows = [model.digit_index(r) for r in range(model.rowCount())]
    assert np.all(np.diff(page.answers.confidence[rows]) <= 0)
    # A row header opens every digit of that kind.
    qtbot.mouseClick(page.matrix, Qt.MouseButton.LeftButton, pos=page.matrix.cell_rect(true, None).center())
    assert model.rowCount() == int((digits.labels == true).sum())


def test_a_double_click_puts_the_digit_on_the_recognise_sheet(qtbot, window):
    page = explorer_of(window)
    grid = page.grid
    index = grid.model().index(0, 0)
    chosen = grid.digit_model.digit_index(0)
    position = grid.visualRect(index).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert page.open_button.isEnabled()
    qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert window.tabs.currentWidget() is window.recognise
    assert window.wait_until_idle(30)
    assert isinstance(window.session.sheet(), PastedImage)
    prediction = window.session.prediction()
    assert prediction is not None
    # Read on the sheet, the digit gets the answer the explorer showed for it.
    assert (-1 if prediction.label is None else prediction.label) == page.answers.predicted[chosen]
    assert prediction.confidence == pytest.approx(float(page.answers.confidence[chosen]), abs=1e-3)


class UnkeptResult:
    """What the Train page hands the session after a fine-tune: a model not kept yet, with its base."""

    def __init__(self, recognizer) -> None:
        import torch

        self._recognizer = recognizer.to("cpu")
        with torch.no_grad():  # a different model, which reads some digits differently
            weight = self._recognizer.model.C3.weight
            noise = torch.randn(weight.shape, generator=torch.Generator().manual_seed(0))
            weight.add_(0.3 * weight.std() * noise)
        self._recognizer.metadata = {
            "kind": "fine-tuned",
            "base_arch": recognizer.arch,
            "base_metadata": json.dumps(recognizer.metadata),
        }

    def recognizer(self):
        return self._recognizer

    @property
    def model(self):
        return self._recognizer.model

    def metadata(self) -> dict[str, str]:
        return dict(self._recognizer.metadata)


def test_a_fine_tune_not_kept_yet_shows_the_digits_it_fixed_and_broke(qtbot, window):
    page = explorer_of(window)
    base = window.session.recognizer()
    result = UnkeptResult(base)
    window.session.set_pending_result(result)
    assert page.model_choice.currentText().startswith("Fine-tune result")
    wait_for_answers(qtbot, page)
    digits = load(TEST_SAMPLE)
    before = evaluate(base, digits.images, digits.labels).predicted
    after = evaluate(result.recognizer(), digits.images, digits.labels).predicted
    expected = explore.changes(digits.labels, before, after)
    assert len(expected.broken) > 0
    assert page.broken_button.isVisible() and f"({len(expected.broken)})" in page.broken_button.text()
    assert f"({len(expected.fixed)})" in page.fixed_button.text()
    qtbot.mouseClick(page.broken_button, Qt.MouseButton.LeftButton)
    model = page.grid.digit_model
    assert sorted(model.digit_index(r) for r in range(model.rowCount())) == sorted(expected.broken)
    window.session.set_pending_result(None)  # discarded: back to the model in use, nothing to compare
    wait_for_answers(qtbot, page)
    assert page.model_choice.count() == 1 and not page.broken_button.isVisible()
    # Kept instead, it is the model in use, still compared with the model it was tuned from.
    kept = window.session.keep_model(result, "tuned")
    qtbot.waitUntil(lambda: window.session.model_id() == kept.id, timeout=30000)
    wait_for_answers(qtbot, page)
    assert page.broken_button.isVisible() and f"({len(expected.broken)})" in page.broken_button.text()
    assert window.session.model_name(window.session.find_model(window.session.shipped_counterpart())) in (
        page.summary.text()
    )


def test_the_users_samples_are_explored_too(qtbot, window):
    page = explorer_of(window)
    digits = load(TEST_SAMPLE)
    for image, label in zip(digits.images[:6], digits.labels[:6], strict=True):
        window.session.samples.add(255 - image, int(label), [], "drawn")
    page.set_choice.setCurrentIndex(1)
    wait_for_answers(qtbot, page)
    assert page.digits.kind == "samples" and page.matrix.matrix.sum() == 6
    assert "Your 6 samples" in page.note.text()
    drawn = [255 - image for image in digits.images[:6]]
    reference = evaluate(window.session.recognizer(), drawn, digits.labels[:6])
    assert np.array_equal(page.matrix.matrix[:, :10], reference.confusion)
