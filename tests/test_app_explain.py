"""The explain views driven the way a user drives them: real mouse moves and clicks on units of the
network diagram. What they show is checked against a forward pass computed here, in numpy, from the
model's weights (not with the app's or the core's explain code)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.widgets.diagram_layout import UnitRef
from lenet_core.models import C3_TABLE
from tests.app_support import drag, make_window, zero_points


def shows(text: str, value: float) -> bool:
    """Whether `text` holds `value`, written to the precision the view uses (3 decimals below 1, ...)."""
    size = abs(value)
    step = 1.0 if size >= 100 else 0.1 if size >= 10 else 0.01 if size >= 1 else 0.001
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text.replace("\u2212", "-"))]
    return any(abs(n - value) <= 0.51 * step + 1e-9 for n in numbers)


def squash(a: np.ndarray) -> np.ndarray:
    return 1.7159 * np.tanh(2.0 * a / 3.0)


def conv(x: np.ndarray, kernels: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x (in, h, w), kernels (out, in, 5, 5) -> (out, h-4, w-4): the sum of patch times kernel, plus bias."""
    patches = sliding_window_view(x, (5, 5), axis=(1, 2))  # (in, h-4, w-4, 5, 5)
    return np.einsum("iyxab,oiab->oyx", patches, kernels) + bias[:, None, None]


def window_sums(x: np.ndarray) -> np.ndarray:
    m, h, w = x.shape
    return x.reshape(m, h // 2, 2, w // 2, 2).sum(axis=(2, 4))


def classic_forward(model, image: np.ndarray) -> dict[str, np.ndarray]:
    p = {name: t.detach().double().numpy() for name, t in model.named_parameters()}
    dense = model.C3.dense_kernel().detach().double().numpy()
    # The C3 kernel is zero wherever the paper's table has no connection.
    assert np.all(dense[~C3_TABLE.T.astype(bool)] == 0)
    x = image.astype(np.float64)[None]
    c1 = squash(conv(x, p["C1.weight"], p["C1.bias"]))
    s2 = squash(window_sums(c1) * p["S2.coefficient"][:, None, None] + p["S2.bias"][:, None, None])
    c3 = squash(conv(s2, dense, p["C3.bias"]))
    s4 = squash(window_sums(c3) * p["S4.coefficient"][:, None, None] + p["S4.bias"][:, None, None])
    c5 = squash(p["C5.weight"].reshape(120, -1) @ s4.reshape(-1) + p["C5.bias"])
    f6 = squash(p["F6.weight"] @ c5 + p["F6.bias"])
    centres = model.output.centres.double().numpy()
    output = ((f6[None, :] - centres) ** 2).sum(axis=1)
    return {
        "C1": c1,
        "S2": s2,
        "C3": c3,
        "S4": s4,
        "C5": c5,
        "F6": f6,
        "output": output,
        "centres": centres,
        "dense_c3": dense,
    }


def modern_forward(model, image: np.ndarray) -> dict[str, np.ndarray]:
    state = {name: t.detach().double().numpy() for name, t in model.state_dict().items()}

    def norm(a: np.ndarray, name: str) -> np.ndarray:
        shape = (-1,) + (1,) * (a.ndim - 1)
        mean, var = state[f"{name}.running_mean"].reshape(shape), state[f"{name}.running_var"].reshape(shape)
        gamma, beta = state[f"{name}.weight"].reshape(shape), state[f"{name}.bias"].reshape(shape)
        return (a - mean) / np.sqrt(var + 1e-5) * gamma + beta

    def max_pool(a: np.ndarray) -> np.ndarray:
        m, h, w = a.shape
        return a.reshape(m, h // 2, 2, w // 2, 2).max(axis=(2, 4))

    x = image.astype(np.float64)[None]
    c1 = np.maximum(0, norm(conv(x, state["C1.weight"], np.zeros(6)), "C1_norm"))
    s2 = max_pool(c1)
    c3 = np.maximum(0, norm(conv(s2, state["C3.weight"], np.zeros(16)), "C3_norm"))
    s4 = max_pool(c3)
    c5 = np.maximum(0, norm(state["C5.weight"].reshape(120, -1) @ s4.reshape(-1), "C5_norm"))
    f6 = np.maximum(0, state["F6.weight"] @ c5 + state["F6.bias"])
    logits = state["output.weight"] @ f6 + state["output.bias"]
    return {"C1": c1, "S2": s2, "C3": c3, "S4": s4, "C5": c5, "F6": f6, "output": logits}


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def drawn(window, arch: str):
    """The window with a 0 drawn and read by `arch`; returns (panel, prediction, our forward pass)."""
    window.session.select_model(f"shipped:{arch}")
    window.wait_until_idle()
    drag(window.canvas, zero_points())
    prediction = window.current_prediction()
    assert prediction is not None
    panel = window.recognise.explain
    panel.show_tab("network")
    model = window.session.recognizer().model
    forward = (classic_forward if arch == "classic" else modern_forward)(model, prediction.input)
    for stage in ("C1", "S2", "C3", "S4", "C5", "F6", "output"):  # our pass is the network's pass
        np.testing.assert_allclose(
            prediction.activations[stage].reshape(forward[stage].shape), forward[stage], rtol=1e-4, atol=1e-4
        )
    return panel, prediction, forward


def point_on(diagram, unit: UnitRef) -> QPoint:
    """A whole-pixel point inside the unit (a mouse event has whole pixels; a unit may be 2 wide)."""
    rect = diagram.diagram_layout().unit_rect(unit)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1), (-1, 0), (0, -1), (-1, -1)):
        point = QPoint(round(rect.center().x()) + dx, round(rect.center().y()) + dy)
        if diagram.diagram_layout().unit_at(point.toPointF()) == unit:
            return point
    raise AssertionError(f"no whole pixel inside {unit}: {rect}")


def hover(qtbot, diagram, unit: UnitRef) -> QPoint:
    point = point_on(diagram, unit)
    QTest.mouseMove(diagram, point)
    qtbot.waitUntil(lambda: diagram.focus() is not None and diagram.focus().unit == unit, timeout=3000)
    return point


def click(qtbot, panel, unit: UnitRef):
    point = hover(qtbot, panel.diagram, unit)
    QTest.mouseClick(panel.diagram, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    step = panel.step
    assert step is not None and step.isVisible() and step.unit() == unit
    return step


# The part of the 32x32 input each layer's unit (y, x) sees: C1 reads 5x5, S2 doubles it, and so on.
def expected_field(stage: str, y: int, x: int) -> tuple[int, int, int, int]:
    scale, side = {"C1": (1, 5), "S2": (2, 6), "C3": (2, 14), "S4": (4, 16)}[stage]
    return (scale * y, scale * x, scale * y + side, scale * x + side)


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_hovering_units_highlights_what_they_see_and_what_feeds_them(window, qtbot, arch):
    panel, _, _ = drawn(window, arch)
    diagram, canvas = panel.diagram, window.canvas
    # The whole input first: a C5 unit sees all of it, and on the sheet that square holds all the ink.
    hover(qtbot, diagram, UnitRef("C5", 57))
    # Where the drawing lies in the input: worked out for the unit in focus (nobody needed it before).
    qtbot.waitUntil(lambda: panel.result() is not None and panel.result().placement is not None, timeout=5000)
    focus = diagram.focus()
    assert focus.field == (0, 0, 32, 32) and focus.source_stage == "S4" and focus.sources == tuple(range(16))
    qtbot.waitUntil(lambda: canvas.highlight_rect() is not None, timeout=3000)
    whole = canvas.highlight_rect()
    paper = canvas.paper_rect()
    ink = np.argwhere(canvas.rasterize() > 0.5)
    side = canvas.rasterize().shape[0]
    (top, left), (bottom, right) = (
        ink.min(0) * paper.height() / side,
        (ink.max(0) + 1) * paper.height() / side,
    )
    top, bottom, left, right = top + paper.y(), bottom + paper.y(), left + paper.x(), right + paper.x()
    assert whole.top() <= top and whole.left() <= left and whole.bottom() >= bottom and whole.right() >= right

    for stage, index, y, x in (("C1", 2, 12, 14), ("S2", 4, 6, 3), ("C3", 5, 4, 5), ("S4", 9, 2, 1)):
        unit = UnitRef(stage, index, y, x)
        hover(qtbot, diagram, unit)
        focus = diagram.focus()
        box = expected_field(stage, y, x)
        assert focus.field == box, stage
        # Drawn on the input square of the diagram, and on the sheet at the same place within the square.
        square = diagram.diagram_layout().columns["input"].items[0]
        field = diagram.field_rect()
        assert field.left() == pytest.approx(square.left() + box[1] * square.width() / 32, abs=0.01)
        assert field.bottom() == pytest.approx(square.top() + box[2] * square.height() / 32, abs=0.01)
        on_sheet = canvas.highlight_rect()
        assert on_sheet.left() == pytest.approx(whole.left() + box[1] * whole.width() / 32, abs=0.6)
        assert on_sheet.top() == pytest.approx(whole.top() + box[0] * whole.height() / 32, abs=0.6)
        assert on_sheet.width() == pytest.approx((box[3] - box[1]) * whole.width() / 32, abs=0.6)
        expected_sources = {"C1": (0,), "S2": (index,), "S4": (index,)}.get(stage)
        if stage == "C3":
            expected_sources = (
                tuple(int(i) for i in np.flatnonzero(C3_TABLE[:, index]))
                if arch == "classic"
                else tuple(range(6))
            )
        assert focus.sources == expected_sources, stage
    # F6 is fed by all of C5, and an output unit by all of F6.
    hover(qtbot, diagram, UnitRef("F6", 30))
    assert diagram.focus().source_stage == "C5" and len(diagram.focus().sources) == 120
    hover(qtbot, diagram, UnitRef("output", 3))
    assert diagram.focus().source_stage == "F6" and len(diagram.focus().sources) == 84
    assert diagram.focus().field == (0, 0, 32, 32)
    # Leaving the diagram takes the highlight away, on the sheet too.
    QTest.mouseMove(window.canvas, window.canvas.rect().center())
    qtbot.waitUntil(lambda: diagram.focus() is None and canvas.highlight_rect() is None, timeout=3000)


def test_clicking_units_shows_their_arithmetic_classic(window, qtbot):
    panel, _, f = drawn(window, "classic")
    model = window.session.recognizer().model
    # A C3 unit: the patches of the S2 maps of its column of the table, the kernels, the products.
    m, y, x = 5, 4, 5
    step = click(qtbot, panel, UnitRef("C3", m, y, x))
    sources = list(np.flatnonzero(C3_TABLE[:, m]))
    part = step.part
    assert len(part.grids["inputs"]) == len(sources)
    total = 0.0
    for i, s in enumerate(sources):
        patch = f["S2"][s, y : y + 5, x : x + 5]
        kernel = f["dense_c3"][m, s]
        np.testing.assert_allclose(part.grids["inputs"][i].values(), patch, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(part.grids["weights"][i].values(), kernel, rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(part.grids["products"][i].values(), patch * kernel, rtol=1e-4, atol=1e-6)
        total += float((patch * kernel).sum())
    bias = float(model.C3.bias.detach()[m])
    text = step.equation.text()
    assert shows(text, total) and shows(text, bias) and shows(text, total + bias)
    assert shows(text, squash(total + bias))
    assert step.network_value() == pytest.approx(f["C3"][m, y, x], abs=1e-4)
    # Stepping moves the kernel one position on, with the numbers of that position.
    QTest.mouseClick(step.next_button, Qt.MouseButton.LeftButton)
    assert step.unit() == UnitRef("C3", m, y, x + 1)
    np.testing.assert_allclose(
        part.grids["inputs"][0].values(), f["S2"][sources[0], y : y + 5, x + 1 : x + 6], rtol=1e-5, atol=1e-6
    )

    # An S2 unit: the 2x2 window of C1 summed, times the coefficient, plus the bias, squashed.
    step = click(qtbot, panel, UnitRef("S2", 1, 3, 6))
    window_values = f["C1"][1, 6:8, 12:14]
    np.testing.assert_allclose(step.part.grids["inputs"][0].values(), window_values, rtol=1e-5, atol=1e-6)
    pre = window_values.sum() * float(model.S2.coefficient.detach()[1]) + float(model.S2.bias.detach()[1])
    text = step.equation.text()
    assert shows(text, window_values.sum()) and shows(text, pre) and shows(text, squash(pre))
    assert step.network_value() == pytest.approx(f["S2"][1, 3, 6], abs=1e-4)

    # An F6 unit: the 120 C5 values times the weights.
    step = click(qtbot, panel, UnitRef("F6", 30))
    weights = model.F6.weight.detach().double().numpy()[30]
    np.testing.assert_allclose(
        step.part.grids["inputs"][0].values().reshape(-1), f["C5"], rtol=1e-4, atol=1e-5
    )
    np.testing.assert_allclose(
        step.part.grids["products"][0].values().reshape(-1), f["C5"] * weights, rtol=1e-4, atol=1e-6
    )
    assert step.network_value() == pytest.approx(f["F6"][30], abs=1e-4)
    total = float(f["C5"] @ weights)
    text = step.equation.text()
    assert shows(text, total) and shows(text, f["F6"][30])

    # The output: the squared distance of F6 to each digit's prototype, the smallest wins.
    step = click(qtbot, panel, UnitRef("output", 0))
    np.testing.assert_allclose(step.part.grids["weights"][0].values().reshape(-1), f["centres"][0])
    np.testing.assert_allclose(
        step.part.grids["products"][0].values().reshape(-1),
        (f["F6"] - f["centres"][0]) ** 2,
        rtol=1e-4,
        atol=1e-5,
    )
    table = step.part.table.text()
    assert all(shows(table, distance) for distance in f["output"])
    probabilities = np.exp(-f["output"] - (-f["output"]).max())
    probabilities /= probabilities.sum()
    assert f"{100 * probabilities[0]:.1f} %" in step.equation.text()
    assert step.network_value() == pytest.approx(f["output"][0], rel=1e-4)


def test_clicking_units_shows_their_arithmetic_modern(window, qtbot):
    panel, prediction, f = drawn(window, "modern")
    model = window.session.recognizer().model
    # A C1 unit: the 5x5 patch of the input, the kernel, batch norm, ReLU.
    step = click(qtbot, panel, UnitRef("C1", 3, 10, 11))
    patch = prediction.input[10:15, 11:16].astype(np.float64)
    kernel = model.C1.weight.detach().double().numpy()[3, 0]
    np.testing.assert_allclose(step.part.grids["inputs"][0].values(), patch, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(step.part.grids["weights"][0].values(), kernel, rtol=1e-6, atol=1e-7)
    assert step.network_value() == pytest.approx(f["C1"][3, 10, 11], abs=1e-4)
    assert "batch norm" in step.description.text() and "bias is added" not in step.description.text()
    text = step.equation.text()
    assert (
        "max(0, " in text and shows(text, f["C1"][3, 10, 11]) and shows(text, float((patch * kernel).sum()))
    )
    # Max pooling: the window and the largest of the four.
    step = click(qtbot, panel, UnitRef("S4", 7, 1, 2))
    window_values = f["C3"][7, 2:4, 4:6]
    np.testing.assert_allclose(step.part.grids["inputs"][0].values(), window_values, rtol=1e-5, atol=1e-6)
    assert step.network_value() == pytest.approx(window_values.max(), abs=1e-4)
    # The output: F6 times the digit's weights plus its bias, and softmax over the ten.
    digit = prediction.label
    step = click(qtbot, panel, UnitRef("output", digit))
    probabilities = np.exp(f["output"] - f["output"].max())
    probabilities /= probabilities.sum()
    assert f"{100 * probabilities[digit]:.1f} %" in step.equation.text()
    assert step.network_value() == pytest.approx(f["output"][digit], abs=1e-3)


def test_the_step_view_follows_the_drawing_and_sweeps(window, qtbot):
    panel, _, _ = drawn(window, "classic")
    step = click(qtbot, panel, UnitRef("C1", 0, 12, 12))
    before = step.network_value()
    drag(window.canvas, [(0.3, 0.5), (0.7, 0.5)])  # a new stroke: same unit, new numbers
    window.current_prediction()
    qtbot.waitUntil(lambda: step.network_value() != before, timeout=5000)
    QTest.mouseClick(step.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: step.unit().x >= 3 or step.unit().y > 0, timeout=5000)
    QTest.mouseClick(step.play_button, Qt.MouseButton.LeftButton)  # pause
    paused = step.unit()
    qtbot.wait(150)
    assert step.unit() == paused and not step.timer.isActive()
    step.close()


def test_the_layout_is_the_same_before_and_after_the_first_stroke(window, qtbot):
    page = window.recognise
    diagram = page.explain.diagram

    def geometry():
        columns = diagram.diagram_layout().columns
        return (
            page.canvas.geometry(),
            page.canvas.paper_rect(),
            diagram.geometry(),
            [columns[s].items for s in ("C3", "S4", "C5", "F6", "output")],
        )

    before = geometry()
    drag(window.canvas, zero_points())
    assert window.current_prediction() is not None
    qtbot.wait(50)
    assert geometry() == before, "the sheet and the maps stay where they were"
    # Hovering layer after layer changes the notes under the diagram, never the diagram's size.
    for unit in (UnitRef("C1", 0, 3, 3), UnitRef("output", 2), UnitRef("S4", 0, 1, 1)):
        hover(qtbot, diagram, unit)
        assert geometry() == before


def test_exports_hold_the_drawing_the_input_the_answer_and_the_model(window, qtbot, tmp_path):
    panel, prediction, _ = drawn(window, "classic")
    model_name = window.session.model_name()

    def check(view: str) -> None:
        sheet = panel.export_sheet(view)
        assert model_name in sheet.texts[0]
        assert any(prediction_headline in text for text in sheet.texts), sheet.texts
        image = sheet.image
        for region in ("drawing", "input"):
            rect = sheet.regions[region]
            pixels = [
                image.pixelColor(x, y).lightness()
                for x in range(rect.left() + 2, rect.right() - 2, 3)
                for y in range(rect.top() + 2, rect.bottom() - 2, 3)
            ]
            assert min(pixels) < 60 and max(pixels) > 200, (view, region)  # ink and paper both there
        body = sheet.regions["body"]
        colours = {
            image.pixel(x, y)
            for x in range(body.left(), body.right(), 7)
            for y in range(body.top(), body.bottom(), 7)
        }
        assert len(colours) > 20, view  # maps, a heat map or numbers: not an empty page
        path = tmp_path / f"{view}.png"
        assert panel.export_png(view, path) and path.stat().st_size > 1000

    from app.widgets.verdict import verdict

    prediction_headline = verdict(prediction).headline
    check("maps")
    panel.show_tab("saliency")
    qtbot.waitUntil(lambda: panel.saliency_view.saliency() is not None, timeout=10000)
    check("saliency")
    panel.show_tab("network")
    click(qtbot, panel, UnitRef("C3", 2, 3, 3))
    check("step")


def test_saliency_switches_method_and_contrasts_a_close_call(window, qtbot):
    panel, prediction, _ = drawn(window, "classic")
    panel.show_tab("saliency")
    view = panel.saliency_view
    qtbot.waitUntil(lambda: view.saliency() is not None, timeout=10000)
    first = view.saliency()
    assert first.target == prediction.label and first.heat.shape == (32, 32)
    view.set_method("gradient_x_input")
    qtbot.waitUntil(
        lambda: view.saliency() is not None and view.saliency().method != first.method, timeout=10000
    )
    assert not np.allclose(view.saliency().heat, first.heat)
    # The heat map lies over the drawing on the sheet, where the input square is.
    assert window.canvas.overlay.heat is not None
    # "0 or 6?": what separates the answer from another digit, chosen in the "against" list.
    other = 6 if prediction.label != 6 else 8
    view.versus.setCurrentIndex(view.versus.findData(other))
    qtbot.waitUntil(lambda: view.saliency() is not None and view.saliency().versus == other, timeout=10000)
    assert view.saliency().target == prediction.label
    assert f"{other}" in view.explanation.text()


def test_the_about_box_cites_the_paper_with_its_licence_and_links(window):
    text = window.about_text()
    for part in (
        "LeCun",
        "Bottou",
        "Bengio",
        "Haffner",
        "1998",
        "86(11)",
        "2278",
        "Proceedings of the IEEE",
        "https://doi.org/10.1109/5.726791",
        "MIT",
    ):
        assert part in text, part


def test_the_explain_views_speak_chinese(window, qtbot):
    window.set_language("zh_CN")
    try:
        panel, _, _ = drawn(window, "classic")
        tabs = [panel.tabText(i) for i in range(panel.count())]
        assert tabs == ["网络", "显著性", "RBF 原型", "卷积核", "并排对比"]
        step = click(qtbot, panel, UnitRef("S2", 0, 3, 3))
        assert "特征图" in step.heading.text() and "激活" in step.equation.text()
        hover(qtbot, panel.diagram, UnitRef("C3", 0, 1, 1))
        assert "个参数" in panel.notes.text()
        assert "许可证" in window.about_text() and "LeCun" in window.about_text()
    finally:
        window.set_language("en")


def test_toolbar_icons_follow_light_and_dark(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from app import theme

    def ink_lightness(name: str) -> int:
        """The lightness of the drawn strokes of an action's icon (transparent pixels left out)."""
        image = window.actions_by_name[name].icon().pixmap(24, 24).toImage()
        values = [image.pixelColor(x, y) for x in range(24) for y in range(24)]
        drawn = [c.lightness() for c in values if c.alpha() > 200]
        assert drawn, f"{name} has no icon"
        return int(np.median(drawn))

    actions = [a for a in window.menus.toolbar.actions() if a.text() and not a.isSeparator()]
    assert actions and all(not a.icon().isNull() for a in actions)
    try:
        theme.use_theme("dark")
        qtbot.waitUntil(lambda: theme.is_dark(QApplication.instance().palette()))
        QApplication.processEvents()
        assert ink_lightness("open") > 150, "light strokes on a dark window"
        theme.use_theme("light")
        qtbot.waitUntil(lambda: not theme.is_dark(QApplication.instance().palette()))
        QApplication.processEvents()
        assert ink_lightness("open") < 100, "dark strokes on a light window"
    finally:
        theme.use_theme("system")


def test_a_message_floats_over_the_page_without_moving_the_sheet(window, qtbot):
    for page in (window.recognise, window.training):
        window.actions_by_name["tab_train" if page is window.training else "tab_recognise"].trigger()
        qtbot.wait(20)
        before = page.canvas.mapTo(window, page.canvas.rect().topLeft()), page.canvas.size()
        page.message.say("The file could not be read: not an image.")
        qtbot.waitUntil(page.message.isVisible)
        assert (page.canvas.mapTo(window, page.canvas.rect().topLeft()), page.canvas.size()) == before
        page.message.dismiss()


def test_everything_fits_a_1366x768_screen_without_scrolling(window, qtbot):
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    from app.pages.explain.panel import TABS

    window.resize(1366 - 40, 768 - 60)  # the first size the window takes on such a screen
    drag(window.canvas, zero_points())
    assert window.current_prediction() is not None
    qtbot.waitUntil(lambda: window.size().width() <= 1326 and window.size().height() <= 708)
    page, panel = window.recognise, window.recognise.explain
    inside = window.rect()

    def shown_whole(widget: QWidget) -> bool:
        top_left = widget.mapTo(window, widget.rect().topLeft())
        return (
            widget.isVisible()
            and inside.contains(top_left)
            and inside.contains(widget.mapTo(window, widget.rect().bottomRight()))
        )

    assert all(shown_whole(w) for w in (page.canvas, page.bars, page.prediction_view, panel))
    for name in TABS:
        panel.show_tab(name)
        qtbot.wait(30)
        scrolling = [
            a.objectName() or type(a).__name__
            for a in panel.currentWidget().findChildren(QAbstractScrollArea)
            if a.isVisible() and (a.verticalScrollBar().isVisible() or a.horizontalScrollBar().isVisible())
        ]
        assert scrolling == [], name
    panel.show_tab("network")
    layout = panel.diagram.diagram_layout()
    assert all(panel.diagram.rect().toRectF().contains(c.block) for c in layout.columns.values())
    assert shown_whole(panel.notes)
