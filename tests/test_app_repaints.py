"""What the Recognise page repaints while the user draws: the network diagram once per answer, the same
pixels as a full repaint; views nobody sees get their reading when they are shown, not before."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app import i18n
from app.theme import dark_palette
from app.widgets.diagram_layout import UnitRef
from app.widgets.network_diagram import Focus, NetworkDiagram
from app.widgets.pointer import MOVE, PRESS, RELEASE, stroke_event
from app.widgets.verdict import verdict
from lenet_core.recognizer import Prediction
from tests.app_support import PaintCounter, drag, make_window, one_points, zero_points

INPUT_RANGE = (-0.1, 1.175)


def reading(seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "input": rng.uniform(*INPUT_RANGE, (32, 32)).astype(np.float32),
        "C1": rng.normal(size=(6, 28, 28)), "S2": rng.normal(size=(6, 14, 14)),
        "C3": rng.normal(size=(16, 10, 10)), "S4": rng.normal(size=(16, 5, 5)),
        "C5": rng.normal(size=120), "F6": rng.normal(size=84),
        "output": rng.normal(size=10) * 10.0 ** rng.uniform(-3, 3, 10),  # long and short numbers
    }


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1).copy()


def test_the_diagram_paints_what_a_new_diagram_in_its_state_paints(qtbot):
    """What it keeps from one repaint to the next follows every change of answer, legend, size,
    palette, font and language."""
    diagram = NetworkDiagram(INPUT_RANGE)
    qtbot.addWidget(diagram)
    diagram.resize(856, 576)
    state = {"layers": reading(0), "winner": (3, "output: scores", "logit"), "legend": True,
             "focus": None, "size": (856, 576), "palette": None, "font": None}

    def same_as_new() -> bool:
        fresh = NetworkDiagram(INPUT_RANGE)
        try:
            fresh.resize(*state["size"])
            if state["palette"] is not None:
                fresh.setPalette(state["palette"])
            if state["font"] is not None:
                fresh.setFont(state["font"])
            fresh.set_legend_shown(state["legend"])
            fresh.set_layers(state["layers"])
            fresh.set_winner(*state["winner"])
            fresh.set_focus(state["focus"])
            return bool(np.array_equal(pixels(diagram.grab().toImage()), pixels(fresh.grab().toImage())))
        finally:
            fresh.deleteLater()

    diagram.set_layers(state["layers"])
    diagram.set_winner(*state["winner"])
    assert same_as_new()
    changes = [
        ("layers", reading(1), lambda v: diagram.set_layers(v)),
        ("winner", (7, "output: scores", "logit"), lambda v: diagram.set_winner(*v)),
        ("winner", (None, "distances", "distance"), lambda v: diagram.set_winner(*v)),
        ("focus", Focus(UnitRef("C3", 5, 4, 5), "S2", (0, 1, 2), (4, 5, 10, 11), (8, 10, 22, 24)),
         lambda v: diagram.set_focus(v)),
        ("size", (700, 300), lambda v: diagram.resize(*v)),
        ("legend", False, lambda v: diagram.set_legend_shown(v)),
        ("palette", dark_palette(), lambda v: diagram.setPalette(v)),
        ("font", QFont("Sans Serif", 12), lambda v: diagram.setFont(v)),
        ("layers", None, lambda v: diagram.set_layers(v)),
    ]
    for name, value, apply in changes:
        state[name] = value
        apply(value)
        assert same_as_new(), name
    # Another language, the legend hidden: the titles of the input and the output change alone.
    before = pixels(diagram.grab().toImage())
    i18n.install("zh_CN")
    try:
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert not np.array_equal(before, pixels(diagram.grab().toImage()))
        assert same_as_new()
    finally:
        i18n.install("en")
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def test_each_new_reading_reaches_the_screen_whole(qtbot):
    """The window's pixels (what the platform shows) equal a full repaint after each new reading."""
    top = QWidget()
    qtbot.addWidget(top)
    diagram = NetworkDiagram(INPUT_RANGE, top)
    QVBoxLayout(top).addWidget(diagram)
    top.resize(866, 586)
    top.show()
    qtbot.waitExposed(top)
    diagram.set_winner(3, "output: scores", "logit")
    diagram.set_focus(Focus(UnitRef("C3", 5, 4, 5), "S2", (0, 1, 2), (4, 5, 10, 11), (8, 10, 22, 24)))
    screen = top.screen()
    counter = PaintCounter()
    diagram.installEventFilter(counter)
    for seed in range(4):
        painted = counter.count
        diagram.set_layers(reading(seed))
        qtbot.waitUntil(lambda p=painted: counter.count > p, timeout=3000)  # painted and shown
        shown = pixels(screen.grabWindow(top.winId()).toImage())
        assert np.array_equal(shown, pixels(top.grab().toImage())), seed
    diagram.removeEventFilter(counter)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def test_each_answer_repaints_the_diagram_once_and_leaves_the_toolbar_alone(window, qtbot):
    drag(window.canvas, one_points())  # a 1, then a second stroke along it: the answer stays a 1
    panel = window.recognise.explain
    counter = PaintCounter()
    panel.diagram.installEventFilter(counter)
    toggles = []
    for name in ("undo", "redo", "clear", "correct"):
        window.actions_by_name[name].changed.connect(lambda n=name: toggles.append(n))
    sent_before = panel.controller.last_sent_at
    points = one_points()
    stroke_event(window.canvas, PRESS, points[0])
    window.wait_until_idle()
    qtbot.wait(100)
    steady = 0
    for point in points[1:12]:
        headline = window.recognise.prediction_view.digit.text()
        counter.count = 0
        with qtbot.waitSignal(window.recognise.prediction_shown, timeout=5000):
            stroke_event(window.canvas, MOVE, point)
        qtbot.wait(120)  # anything the answer set off has painted by now
        if window.recognise.prediction_view.digit.text() == headline:  # the header kept its size
            steady += 1
            assert counter.count == 1
    stroke_event(window.canvas, RELEASE, points[11])
    window.wait_until_idle()
    assert steady >= 5
    assert toggles == []
    # The network tab with nothing hovered shows nothing the explain worker works out: not asked.
    assert panel.controller.last_sent_at == sent_before and panel.result() is None
    panel.diagram.removeEventFilter(counter)


def test_new_words_in_the_answer_relay_out_nothing_around_it(window, qtbot):
    """The header above the sheet says something new with every answer; the page around it (the
    diagram, the sheet) must neither move nor repaint for that."""
    header = window.recognise.prediction_view
    counter = PaintCounter()
    window.recognise.explain.diagram.installEventFilter(counter)
    sheet = window.canvas.geometry()
    qtbot.wait(100)
    counter.count = 0
    for confidence in (0.91, 0.95, 0.99, 0.93):
        p = np.full(10, (1 - confidence) / 9, np.float32)
        p[7] = confidence
        header.set_prediction(Prediction(7, p, np.zeros((32, 32), np.float32), status="digit"))
        qtbot.wait(60)
        assert f"{100 * confidence:.1f} %" in header.verdict.text()
    assert counter.count == 0 and window.canvas.geometry() == sheet
    # Words that need more room than the header has still make room: "Not a digit" is wider than "7".
    header.set_prediction(Prediction(None, p, np.zeros((32, 32), np.float32), status="not_a_digit"))
    qtbot.waitUntil(lambda: header.digit.width() >= header.digit.minimumSizeHint().width(), timeout=2000)
    window.recognise.explain.diagram.removeEventFilter(counter)


def click_tab(qtbot, panel, name: str) -> None:
    from app.pages.explain.panel import TABS

    bar = panel.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(TABS.index(name)).center())
    qtbot.waitUntil(lambda: panel.current_name() == name, timeout=3000)


def test_hidden_views_show_the_current_reading_when_their_tab_is_clicked(window, qtbot):
    panel = window.recognise.explain
    side, prototypes = panel.side_view, panel.prototypes_view
    arch, other = panel.arch(), panel.other_arch()
    drag(window.canvas, one_points())
    first = window.current_prediction()
    assert first is not None and panel.current_name() == "network"
    assert side.diagrams[arch].values("C1") is None  # hidden: not drawn for nobody

    click_tab(qtbot, panel, "side_by_side")
    np.testing.assert_array_equal(side.diagrams[arch].values("C1"), first.activations["C1"])
    assert side.diagrams[arch].winner()[0] == first.label
    assert verdict(first).summary in side.headers[arch].text()
    qtbot.waitUntil(lambda: side.diagrams[other].values("C1") is not None, timeout=10000)  # the worker

    click_tab(qtbot, panel, "network")
    window.canvas.clear()
    drag(window.canvas, zero_points())  # another reading
    second = window.current_prediction()
    assert second is not None
    assert not np.array_equal(second.activations["C1"], first.activations["C1"])
    np.testing.assert_array_equal(side.diagrams[arch].values("C1"), first.activations["C1"])  # hidden

    click_tab(qtbot, panel, "side_by_side")
    np.testing.assert_array_equal(side.diagrams[arch].values("C1"), second.activations["C1"])
    assert verdict(second).summary in side.headers[arch].text()

    click_tab(qtbot, panel, "prototypes")
    scores = np.asarray(second.activations["output"], dtype=np.float64).reshape(-1)
    assert prototypes.f6.images()[0] is not None
    assert prototypes.prototypes.captions() == [f"{d}: {scores[d]:.3g}" for d in range(10)]
    click_tab(qtbot, panel, "network")
