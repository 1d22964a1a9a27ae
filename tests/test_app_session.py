"""The session and what the window shows of it: every status of an answer (real drawings for a digit
and an empty sheet; answers the shipped models do not give yet, unsure and not a digit, fed through
the session as the worker would), the one record of the model in use, and the typed settings."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QSettings

from app.settings import AppSettings
from app.widgets.verdict import CONFIDENT_COLOR, MUTED_COLOR, WARNING_COLOR
from lenet_core.recognizer import Prediction
from tests.app_support import drag, make_window, one_points


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def answer(status: str, probabilities: dict[int, float], label: int | None = None,
           alternatives: list[tuple[int, float]] | None = None) -> Prediction:
    p = np.full(10, (1 - sum(probabilities.values())) / (10 - len(probabilities)), np.float32)
    for digit, value in probabilities.items():
        p[digit] = value
    network_input = np.zeros((32, 32), np.float32)
    return Prediction(label, p, network_input, status=status, alternatives=alternatives or [])


def feed(window, prediction: Prediction) -> None:
    """The worker's answer for the sheet as it is now, through the session like any other: the real
    forward pass of the drawing, with the status, digits and probabilities given."""
    real = window.session.prediction()
    prediction = dataclasses.replace(real, label=prediction.label, probabilities=prediction.probabilities,
                                     status=prediction.status, alternatives=prediction.alternatives)
    window.session.inference.prediction_ready.emit(prediction, window.session.sheet())


def test_a_drawn_digit_is_shown_as_a_confident_answer_everywhere(window):
    drag(window.canvas, one_points())
    prediction = window.current_prediction()
    assert prediction is not None and prediction.status == "digit" and prediction.label == 1
    view = window.recognise.prediction_view
    assert view.digit.text() == "1"
    assert view.bars.bar_color(1) == CONFIDENT_COLOR
    assert window.answer_status.text().startswith("Read as 1 (")
    assert window.actions_by_name["correct"].isEnabled()


def test_an_unsure_answer_names_its_candidates_and_can_be_corrected(window):
    drag(window.canvas, one_points())
    window.wait_until_idle()
    feed(window, answer("unsure", {3: 0.5, 9: 0.4}, label=3, alternatives=[(9, 0.4)]))
    view = window.recognise.prediction_view
    assert view.digit.text() == "3 or 9?"
    assert view.bars.bar_color(3) == WARNING_COLOR == view.bars.bar_color(9)
    assert window.answer_status.text() == "Unsure: 3 or 9"
    assert window.actions_by_name["correct"].isEnabled()
    actions = window.recognise.sheet_actions
    actions.correction_menu.aboutToShow.emit()
    assert actions.correction_menu.title().startswith("Unsure: 3 or 9")
    window.set_language("zh_CN")
    assert view.digit.text() == "3 还是 9？" and window.answer_status.text() == "拿不准：3 还是 9"
    window.set_language("en")


def test_not_a_digit_is_said_greyed_and_a_correction_goes_to_the_train_page(window):
    drag(window.canvas, one_points())
    window.wait_until_idle()
    feed(window, answer("not_a_digit", {1: 0.3}))
    view = window.recognise.prediction_view
    assert view.digit.text() == "Not a digit" and window.answer_status.text() == "Not a digit"
    assert all(view.bars.bar_color(d) == MUTED_COLOR for d in range(10))
    assert window.current_prediction() is None, "no digit to give"
    assert window.recognise.explain.diagram.values("C1") is not None, "the network's view still shows"
    assert window.actions_by_name["correct"].isEnabled()
    tab = window.training
    before = tab.gallery.counts()[7]
    sample_id = window.recognise.sheet_actions.correct_prediction(7)
    assert sample_id is not None and tab.samples.store.get(sample_id).source == "correction"
    assert tab.gallery.counts()[7] == before + 1, "the Train page heard of it through the session"
    window.set_language("zh_CN")
    assert view.digit.text() == "不是数字"
    window.set_language("en")


def test_an_image_without_ink_is_an_empty_answer(window, tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (64, 64), 255).save(blank)
    window.session.open_file(blank)
    window.wait_until_idle()
    assert window.session.prediction().status == "empty"
    assert window.recognise.prediction_view.digit.text() == "Draw a digit"
    assert "No digit found in blank.png" in window.message_text()
    assert window.answer_status.text() == "No ink"


def test_the_train_page_says_what_the_model_reads_in_a_sample(window, qtbot):
    tab = window.training
    window.tabs.setCurrentIndex(1)
    drag(tab.canvas, one_points())
    qtbot.waitUntil(lambda: tab.drawing.reading.text() != "", timeout=10_000)
    assert tab.drawing.reading.text() == "The model in use reads: 1"
    window.session.sample_read.emit(answer("unsure", {4: 0.5, 9: 0.45}, label=4, alternatives=[(9, 0.45)]))
    assert tab.drawing.reading.text() == "The model in use reads: 4 or 9?"
    tab.canvas.clear()
    assert tab.drawing.reading.text() == ""


def test_a_stale_answer_never_lands_on_a_cleared_sheet(window):
    drag(window.canvas, one_points())
    window.wait_until_idle()
    sheet = window.session.sheet()
    window.canvas.clear()
    window.session.inference.prediction_ready.emit(answer("digit", {1: 0.9}, label=1), sheet)
    assert window.session.prediction() is None
    assert window.recognise.prediction_view.digit.text() == "Draw a digit"


def test_the_library_alone_records_the_model_in_use(qtbot, tmp_path):
    stored = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    stored.setValue("model/key", "modern")  # where an older version kept it: ignored, then removed
    stored.sync()
    first = make_window(qtbot, tmp_path)
    first.session.select_model("shipped:modern")
    assert first.wait_until_idle(30) and first.session.library.active_id == "shipped:modern"
    first.close()
    stored = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert stored.value("model/key") is None
    second = make_window(qtbot, tmp_path)
    assert second.session.model_id() == "shipped:modern"


def test_settings_are_typed_with_their_defaults(tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings = AppSettings(store)
    assert (settings.language, settings.device, settings.pen_width) == ("system", "auto", 0.07)
    store.setValue("ui/language", "klingon")
    store.setValue("canvas/pen_width", "thick")
    assert settings.language == "system" and settings.pen_width == 0.07
    settings.pen_width = 5.0
    assert settings.pen_width == 0.25, "kept within the pen's range"
    assert settings.window_geometry is None and settings.splitter_state("train") is None
