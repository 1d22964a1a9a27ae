"""The display widgets on their own: verdict and uncertainty, panels, colour map, sharp enlargement."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from app.colormap import COLOR_TABLE, indexed_image, layer_limit, to_indices
from app.texts import fill
from app.widgets.diagram_layout import UnitRef
from app.widgets.map_image import MapImage
from app.widgets.network_diagram import NetworkDiagram
from app.widgets.probabilities import PredictionView
from app.widgets.verdict import BAR_COLOR, CONFIDENT_COLOR, MUTED_COLOR, WARNING_COLOR
from lenet_core.recognizer import Prediction


def answer(status: str, probabilities: dict[int, float], label: int | None = None,
           alternatives: list[tuple[int, float]] | None = None) -> Prediction:
    """A Prediction as the core gives it, with the probabilities given and the rest spread evenly."""
    p = np.full(10, (1 - sum(probabilities.values())) / (10 - len(probabilities)), np.float32)
    for digit, value in probabilities.items():
        p[digit] = value
    network_input = np.zeros((32, 32), np.float32)
    return Prediction(label, p, network_input, status=status, alternatives=alternatives or [])


@pytest.fixture
def view(qtbot):
    widget = PredictionView()
    qtbot.addWidget(widget)
    return widget


def test_a_confident_digit_is_shown_large_in_its_colour(view):
    view.set_prediction(answer("digit", {7: 0.97}, label=7))
    assert view.digit.text() == "7"
    assert "97.0 %" in view.verdict.text()
    assert view.bars.bar_color(7) == CONFIDENT_COLOR and view.bars.bar_color(1) == BAR_COLOR
    assert CONFIDENT_COLOR.name() in view.digit.styleSheet()


def test_the_answer_says_when_its_probabilities_average_shifted_views(view):
    one_view = answer("digit", {7: 0.97}, label=7)
    view.set_prediction(one_view)
    assert "one pixel" not in view.toolTip()
    one_view.views = 5
    view.set_prediction(one_view)
    assert "moved one pixel up, down, left and right" in view.toolTip()


def test_an_unsure_answer_names_both_candidates_in_the_warning_colour(view):
    view.set_prediction(answer("unsure", {3: 0.52, 9: 0.41}, label=3, alternatives=[(9, 0.41)]))
    assert view.digit.text() == "3 or 9?"
    assert view.verdict.text() == "Unsure: 3 (52 %) or 9 (41 %)"
    assert view.bars.bar_color(3) == WARNING_COLOR and view.bars.bar_color(9) == WARNING_COLOR
    assert view.bars.bar_color(0) == BAR_COLOR
    assert view.digit.font().pointSizeF() > view.verdict.font().pointSizeF()


def test_not_a_digit_greys_every_bar(view):
    view.set_prediction(answer("not_a_digit", {1: 0.3}))
    assert view.digit.text() == "Not a digit"
    assert "Its closest digit is 1" in view.verdict.text()
    assert all(view.bars.bar_color(d) == MUTED_COLOR for d in range(10))
    assert view.bars.probabilities() is not None, "the network's scores are still shown, greyed"


def test_nothing_or_no_ink_shows_the_prompt(view):
    view.set_prediction(None)
    assert view.digit.text() == "Draw a digit"
    assert view.bars.probabilities() is None
    view.set_prediction(Prediction(None, None, None, status="empty"))
    assert view.digit.text() == "Draw a digit" and view.verdict.text() == "There is no ink on the sheet."


def test_arguments_fill_translated_texts_in_any_order():
    assert fill("%2 before %1", "a", "b") == "b before a"
    assert fill("%1 and %10", *range(1, 11)) == "1 and 10"


def test_one_scale_per_layer_with_zero_in_the_middle():
    values = np.array([[-2.0, 0.0], [1.0, 2.0]], np.float32)
    limit = layer_limit(values)
    assert limit == 2.0
    indices = to_indices(values, limit)
    assert indices[0, 0] == 0 and indices[1, 1] == 255
    assert indices[0, 1] in (127, 128)
    middle = QColor.fromRgb(COLOR_TABLE[128])
    assert min(middle.red(), middle.green(), middle.blue()) > 230  # zero is near-white
    assert layer_limit(np.zeros(4)) == 1.0  # an all-zero layer does not divide by zero


def test_the_diagram_shares_one_scale_between_the_maps_of_a_layer(qtbot):
    diagram = NetworkDiagram((-0.1, 1.175))
    qtbot.addWidget(diagram)
    c1 = np.stack([np.full((28, 28), v, np.float32) for v in (0.5, 1.0, -1.0, 0.0, 0.25, 2.0)])
    diagram.set_layers({"C1": c1})
    assert diagram.limit("C1") == 2.0
    images = diagram.map_images("C1")
    assert [(i.width(), i.height()) for i in images] == [(28, 28)] * 6
    # 1.0 in one map and 1.0 in another would look alike; here 2.0 is the layer's top colour.
    assert images[5].pixel(0, 0) == COLOR_TABLE[255]
    assert images[1].pixel(0, 0) != COLOR_TABLE[255]
    text = diagram.describe(UnitRef("C1", 2, 4, 5))
    assert "C1 map 3, row 5, column 6" in text and "-1" in text  # counted from 1 for people


def test_the_diagram_lays_units_out_so_that_each_can_be_found(qtbot):
    diagram = NetworkDiagram((-0.1, 1.175))
    qtbot.addWidget(diagram)
    diagram.resize(900, 480)
    diagram.set_layers({"C5": np.linspace(-1, 1, 120, dtype=np.float32),
                        "F6": np.linspace(-1, 1, 84, dtype=np.float32)})
    layout = diagram.diagram_layout()
    f6 = layout.columns["F6"].items
    assert len(f6) == 84 and f6[7].left() == f6[0].left() and f6[7].top() > f6[0].top()  # 7 a row
    assert "F6 unit 4: " in diagram.describe(UnitRef("F6", 3))
    for unit in (UnitRef("C5", 57), UnitRef("F6", 83), UnitRef("C3", 15, 9, 9), UnitRef("input", 0, 31, 0)):
        assert layout.unit_at(diagram.unit_center(unit)) == unit
    # Nothing overlaps and everything fits: every column lies inside the widget, left to right.
    blocks = [layout.columns[s].block for s in ("input", "C1", "S2", "C3", "S4", "C5", "F6", "output")]
    assert all(a.right() < b.left() for a, b in zip(blocks, blocks[1:], strict=False))
    assert all(0 <= b.left() and b.right() <= 900 and b.bottom() <= 480 for b in blocks)


def test_enlarged_maps_keep_sharp_pixels(qtbot):
    checker = np.indices((4, 4)).sum(axis=0) % 2 * 255
    view = MapImage(minimum=64)
    qtbot.addWidget(view)
    view.set_image(indexed_image(checker.astype(np.uint8)))
    view.resize(128, 128)
    grabbed = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    # Inside the 1-pixel frame, nearest-neighbour enlargement leaves only the checkerboard's two
    # colours: no blended shades along the cell edges.
    colours = {grabbed.pixel(x, y) for x in range(2, 126) for y in range(2, 126)}
    assert colours == {COLOR_TABLE[0], COLOR_TABLE[255]}


@pytest.mark.parametrize("language", ["zh_CN"])  # English is the source strings: no catalogue
def test_translations_exist_for_every_language(language):
    from app.resources import translations_dir

    assert (translations_dir() / f"lenet_digits_{language}.qm").is_file()
    assert (translations_dir() / f"lenet_digits_{language}.ts").is_file()
    # Every text of the app has its translation (packaging/update_translations.py adds new ones
    # as unfinished; a release has none left).
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.parse(translations_dir() / f"lenet_digits_{language}.ts").getroot()
    untranslated = [m.findtext("source") for m in root.iter("message")
                    if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert untranslated == []


def test_the_empty_training_chart_has_no_numbers_on_its_axes(qtbot):
    from types import SimpleNamespace

    from app.pages.train.training_chart import TrainingChart

    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitUntil(lambda: chart.plots is not None)
    axis = chart.loss_plot.getAxis("left")
    assert chart._empty_text.isVisible() and not axis.style["showValues"]
    assert "fine-tuning" in chart._empty_text.toPlainText()
    progress = [SimpleNamespace(step=s, loss=2 / (s + 1), accuracy=0.5, holdout_accuracy=None)
                for s in range(5)]
    chart.add(progress)
    assert not chart._empty_text.isVisible() and axis.style["showValues"]
    chart.clear()
    assert chart._empty_text.isVisible()
