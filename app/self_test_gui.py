"""The self-test's tour of what a user reaches, driven the way a user drives it.

Both tabs (clicked on the tab bar), a unit of the network diagram hovered and clicked (its step view)
and the saliency map, the Train tab's own drawing sheet, the gallery's thumbnails, a fine-tuning run
whose chart must draw its curves, Keep, Reset to shipped, the model manager's rename
and delete, every file dialog (open, export maps, export canvas, import and export samples), the About
box, and the language switch. Buttons get mouse clicks, text gets key presses, and the real dialogs
are answered by app.dialog_driver. Each check returns what it saw, or raises SelfTestError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from app.self_test_support import (
    TIMEOUT_S,
    answering,
    click_at,
    dark_pixels,
    draw_strokes,
    pixels_near,
    process_events_until,
    require,
    screenshot,
)

SEEDED = {0: "slashed", 1: "flagged", 7: "crossed"}  # styles the shipped models misread
SEEDED_PER_DIGIT = 6
KEPT_NAME = "Self-test model"


class GuiTour:
    def __init__(self, window: Any, workdir: Path, screenshots: Path | None) -> None:
        self.window = window
        self.workdir = workdir
        self.screenshots = screenshots
        self.shots: list[str] = []
        self.kept_key: str | None = None

    def _shoot(self, name: str) -> None:
        path = screenshot(self.window, self.screenshots, name)
        if path:
            self.shots.append(path)

    def _show_tab(self, index: int) -> None:
        bar = self.window.tabs.tabBar()
        click_at(bar, bar.tabRect(index).center())
        require(
            process_events_until(lambda: self.window.tabs.currentIndex() == index, 5),
            f"clicking tab {index} did not show it",
        )

    # -- the checks --------------------------------------------------------------------------------
    def check_tabs(self) -> dict[str, Any]:
        window = self.window
        page_actions = window.recognise.page_actions
        self._show_tab(1)
        tab = window.training
        require(tab.isVisible(), "the Train tab is not visible after clicking it")
        still_on = [n for n in page_actions if window.actions_by_name[n].isEnabled()]
        require(not still_on, f"Recognise-tab actions still enabled on the Train tab: {still_on}")
        require(tab.fine_tune is not None, "the fine-tuning panel was not built")
        chart = tab.fine_tune.chart
        require(chart.failure is None, f"the training chart failed: {chart.failure}")
        require(chart.plots is not None, "the training chart was not built when the Train tab was shown")
        self._shoot("train-tab")
        self._show_tab(0)
        return {"tabs": [window.tabs.tabText(i) for i in range(window.tabs.count())]}

    @staticmethod
    def _wait_until_idle(page: Any) -> None:
        """Let a page that works in the background (the explorer answering the test digits) finish."""
        busy = getattr(page, "is_busy", None)
        if busy is not None:
            process_events_until(lambda: not busy(), TIMEOUT_S)

    def check_other_tabs(self) -> dict[str, Any]:
        """The Learn and Explore tabs, shown and photographed last: the explorer answers the test digits
        in the background, which must not run beside the checks that time dialogs."""
        window, shown = self.window, []
        for index in range(2, window.tabs.count()):
            self._show_tab(index)
            page = window.tabs.widget(index)
            require(page.isVisible(), f"the {window.tabs.tabText(index)} tab is not visible when clicked")
            self._wait_until_idle(page)
            self._shoot(f"{type(page).__name__.removesuffix('Page').lower()}-tab")
            shown.append(window.tabs.tabText(index))
        self._show_tab(0)
        return {"shown": shown}

    def check_explain(self) -> dict[str, Any]:
        """A digit drawn; a C3 unit hovered and clicked on the network diagram; the saliency map."""
        from PySide6.QtCore import QEvent, Qt

        from app.widgets.diagram_layout import UnitRef
        from app.widgets.pointer import send_mouse
        from lenet_core import synthetic

        window = self.window
        panel = window.recognise.explain
        window.canvas.clear()
        draw_strokes(window.canvas, synthetic.strokes(3), float(synthetic.CANVAS))
        require(window.current_prediction() is not None, "no answer for the drawn 3")
        panel.show_tab("network")
        unit = UnitRef("C3", 5, 4, 5)
        centre = panel.diagram.unit_center(unit)
        send_mouse(panel.diagram, QEvent.Type.MouseMove, centre, Qt.MouseButton.NoButton)
        focus = panel.diagram.focus()
        require(focus is not None and focus.unit == unit, f"hovering a C3 unit focused {focus}")
        require(process_events_until(lambda: window.canvas.highlight_rect() is not None, TIMEOUT_S),
                "the unit's receptive field is not drawn on the sheet")
        click_at(panel.diagram, centre.toPoint())
        step = panel.step
        require(step is not None and step.isVisible() and step.step() is not None, "no step view")
        computed, network = step.step().value, step.network_value()
        require(network is not None and abs(computed - network) < 1e-4,
                f"the step view computes {computed}, the network {network}")
        self._shoot("explain-step")
        step.close()
        panel.show_tab("saliency")
        require(process_events_until(lambda: panel.saliency_view.saliency() is not None, TIMEOUT_S),
                "no saliency map")
        self._shoot("explain-saliency")
        panel.show_tab("network")
        return {"unit": str(unit), "value": computed, "saliency_method": panel.saliency_view.method_name()}

    def check_gallery(self) -> dict[str, Any]:
        import numpy as np
        from PySide6.QtCore import Qt

        from lenet_core import synthetic

        self._show_tab(1)
        tab = self.window.training
        store = tab.samples.store
        require(store is not None, f"the samples database is not open: {tab.message_text()}")
        # One sample the way a user adds it: drawn on the tab's sheet, digit button, Add button.
        draw_strokes(tab.canvas, synthetic.strokes(1), float(synthetic.CANVAS))
        click_at(tab.drawing.digit_buttons[1])
        click_at(tab.drawing.add_button)
        require(tab.gallery.counts()[1] == 1, f"the drawn sample was not added: {tab.message_text()}")
        rng = np.random.default_rng(0)
        for digit, style in SEEDED.items():
            for _ in range(SEEDED_PER_DIGIT):
                store.add(synthetic.sample(digit, style, rng), digit, source="imported")
        tab.gallery.refresh()
        model = tab.gallery.view.model()
        rows = model.rowCount()
        require(rows == 1 + len(SEEDED) * SEEDED_PER_DIGIT, f"the gallery lists {rows} samples")
        thumb = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
        require(thumb is not None and not thumb.isNull(), "the first sample has no thumbnail")
        require(dark_pixels(thumb.toImage()) > 20, "the first thumbnail is blank")
        shown = dark_pixels(tab.gallery.view.viewport().grab().toImage())
        require(shown > 20 * min(rows, 8), f"the gallery shows almost nothing ({shown} dark pixels)")
        return {"samples": rows, "dark_pixels_shown": shown}

    def check_fine_tune_keep_reset(self) -> dict[str, Any]:
        from app.dialog_driver import press, type_into
        from app.pages.train.training_chart import LOSS_COLOR
        from lenet_core.finetune import FineTuneConfig

        window, tab = self.window, self.window.training
        session = window.session
        panel = tab.fine_tune
        require(panel is not None, "the fine-tuning panel was not built")
        panel.base_config = FineTuneConfig(epochs=2, batch_size=16, min_epoch_draws=32, min_holdout_total=8)
        panel.reset_settings()
        base_key = session.model_id()
        click_at(panel.start_button)
        require(tab.runner.is_running(), f"fine-tuning did not start: {tab.message_text()}")
        process_events_until(lambda: not tab.runner.is_running(), 4 * TIMEOUT_S)
        require(panel.report() is not None, f"the run gave no result: {tab.message_text()}")
        chart = panel.chart
        require(chart.steps, "the chart received no progress")
        curve = chart.grab().toImage()
        drawn = pixels_near(curve, LOSS_COLOR)
        require(drawn > 30, f"the chart does not draw its loss curve ({drawn} pixels of its colour)")
        self._shoot("train-tab-result")
        type_into(panel.name_edit, KEPT_NAME)
        click_at(panel.keep_button)
        require(
            process_events_until(lambda: session.model_id() not in ("", base_key)),
            f"Keep did not switch to the new model: {tab.message_text()}",
        )
        self.kept_key = session.model_id()
        library = session.library
        require(
            library is not None and library.active_id == self.kept_key, "the kept model is not the active one"
        )
        require(window.wait_until_idle(TIMEOUT_S), "the kept model did not load")
        with answering(press(QMessageBox.StandardButton.Yes)):
            click_at(tab.models.reset_button)
        require(
            process_events_until(lambda: session.model_id() == base_key),
            f"Reset to shipped went to {session.model_id()!r}, not back to {base_key!r}",
        )
        result = panel.report
        return {
            "chart_points": len(chart.steps),
            "loss_pixels": drawn,
            "kept": self.kept_key,
            "reset_to": session.model_id(),
            "result_cleared": result() is None,
        }

    def check_model_manager(self) -> dict[str, Any]:
        from app.dialog_driver import enter_text, press

        window, models = self.window, self.window.training.models
        kept = self.kept_key or ""
        require(kept in models.keys(), f"the kept model is not listed: {models.keys()}")
        models.select(kept)
        with answering(enter_text("Renamed by the self-test")):
            click_at(models.rename_button)
        library = window.session.library
        require(library is not None, "no model library")
        name = library.get(kept).name
        require(name == "Renamed by the self-test", f"renaming gave {name!r}")
        menu = [a.text() for a in window.menus.model_group.actions()]
        require(any(name in text for text in menu), f"the Model menu kept the old name: {menu}")
        models.select(kept)
        with answering(press(QMessageBox.StandardButton.Yes)):
            click_at(models.delete_button)
        require(kept not in models.keys(), "the deleted model is still listed")
        return {"renamed": name, "deleted": self.kept_key, "models": models.keys()}

    def check_dialogs(self) -> dict[str, Any]:
        from PIL import Image

        from app.dialog_driver import enter_path, press
        from lenet_core import synthetic

        window, work = self.window, self.workdir
        self._show_tab(0)
        three = work / "three.png"
        Image.fromarray(synthetic.render(synthetic.strokes(3))).save(three)
        with answering(enter_path(three)):
            window.actions_by_name["open"].trigger()
        prediction = window.current_prediction(timeout_s=TIMEOUT_S)
        require(
            prediction is not None and prediction.label == 3,
            f"the opened 3 was read as {getattr(prediction, 'label', None)}: {window.message_text()}",
        )
        self._shoot("recognise-tab")  # with the opened image, its input, answer and feature maps
        written = {}
        for action, name in (("export_maps", "maps.png"), ("export_canvas", "canvas.png")):
            with answering(enter_path(work / name)):
                window.actions_by_name[action].trigger()
            require((work / name).is_file() and (work / name).stat().st_size > 0, f"{name} was not written")
            written[name] = (work / name).stat().st_size
        tab = window.training
        self._show_tab(1)
        before = tab.gallery.counts()[3]
        folder = work / "to-import"
        (folder / "3").mkdir(parents=True)
        Image.fromarray(synthetic.render(synthetic.strokes(3))).save(folder / "3" / "a.png")
        with answering(enter_path(folder)):
            click_at(tab.gallery.import_button)
        process_events_until(lambda: not tab.transfers.is_running())
        require(tab.gallery.counts()[3] == before + 1, f"importing did not add the 3: {tab.message_text()}")
        (work / "exported").mkdir()
        with answering(enter_path(work / "exported")):
            click_at(tab.gallery.export_button)
        process_events_until(lambda: not tab.transfers.is_running())
        exported = sorted(p.relative_to(work).as_posix() for p in (work / "exported").rglob("*.png"))
        require(len(exported) == sum(tab.gallery.counts().values()), f"export wrote {exported}")
        self._show_tab(0)
        with answering(press(QMessageBox.StandardButton.Ok)):
            window.actions_by_name["about"].trigger()
        return {
            "opened": three.name,
            "read_as": prediction.label,
            "exports": written,
            "imported": 1,
            "exported_files": len(exported),
        }

    def check_language(self) -> dict[str, Any]:
        from app import i18n

        window = self.window

        def texts() -> tuple[str, str, str]:
            panel = window.training.fine_tune
            return window.windowTitle(), window.tabs.tabText(1), panel.start_button.text() if panel else ""

        english = texts()
        window.actions_by_name["language_zh_CN"].trigger()  # Settings > Language > 简体中文
        chinese = texts()
        own = any("lenet_digits" in (t.filePath() or "") for t in i18n._installed)
        qt = any("qtbase" in (t.filePath() or "") for t in i18n._installed)
        self._show_tab(1)
        self._shoot("train-tab-zh_CN")
        self._show_tab(0)
        window.actions_by_name["language_en"].trigger()
        back = texts()
        require(own, "the app's Chinese catalogue was not loaded")
        same = [a for a, b in zip(english, chinese, strict=True) if a == b]
        require(not same, f"left in English after switching to Chinese: {same}")
        require(back == english, f"switching back to English gave {back}")
        return {"zh_CN": list(chinese), "qt_catalog_loaded": qt}
