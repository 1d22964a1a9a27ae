"""`RecognitionSession`: the app's state in one object without widgets, which every page talks to.

It holds the model in use (library entry, device, `Recognizer`), the list of models, what is on the
Recognise page's sheet and the answer for it, and the user's samples (`SampleShelf`). Pages send it
what the user did (a drawing changed, a file opened, a model chosen) and show what its signals say;
they never reach into the window or into each other's widgets. torch is loaded by the inference
worker, never here, so the window can show before it is loaded.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from app.config import PEN_WIDTH_RANGE
from app.event_loop import process_events_until
from app.inference import InferenceController, ModelChoice
from app.models import display_name, open_library, shipped_id
from app.session.samples import SampleShelf
from app.session.sheet import Drawing, OpenedFile, PastedImage, Sheet, SheetImage, placeholder_for
from app.settings import AppSettings
from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.model_library import ModelEntry, ModelLibrary
    from lenet_core.recognizer import Prediction, Recognizer


class RecognitionSession(QObject):
    model_loading = Signal(str)  # the name of the model being loaded ("" at start-up: the active one)
    model_changed = Signal(object)  # the library ModelEntry now in use; its Recognizer is ready
    models_changed = Signal()  # the list of models changed (kept, renamed, deleted, rescanned)
    prediction_changed = Signal(object)  # the Prediction for what is on the sheet; None: nothing there
    sheet_image_ready = Signal(object, object)  # QImage to show, the SheetImage it is: put it on the sheet
    problem = Signal(str)  # something the user should read (a file that cannot be read, a model that failed)
    problem_gone = Signal()  # the user acted since: the last problem no longer applies
    sample_read = Signal(object)  # the Prediction for a sample being drawn on the Train page
    pen_width_changed = Signal(float)  # one pen for every sheet: samples are drawn as digits are
    pending_result_changed = Signal(object)  # a fine-tuning result not kept yet (FineTuneResult), or None
    pen_moved = Signal()  # the user is drawing a digit or a sample: training from scratch gives way

    def __init__(
        self, settings: AppSettings, data_dir: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.library: ModelLibrary | None
        self.library_problem: str | None
        self.library, self.library_problem = open_library(data_dir)
        self.samples = SampleShelf(data_dir, self)
        self.samples.open()
        self.inference = InferenceController(self)
        self.inference.prediction_ready.connect(self._on_prediction)
        self.inference.display_ready.connect(self._on_display)
        self.inference.prediction_failed.connect(self._on_prediction_failed)
        self.inference.model_ready.connect(self._on_model_ready)
        self.inference.model_failed.connect(self._on_model_failed)
        self._models: list[ModelEntry] = []
        self._entry: ModelEntry | None = None
        self._recognizer: Recognizer | None = None
        self._device = settings.device
        self._requested: tuple[str | None, str] = (None, self._device)  # (entry id, device) asked for
        self._sheet: Sheet | None = None  # what the answers are for
        self._before_open: Sheet | None = None  # the sheet an image that fails to read leaves in place
        self._display: tuple[SheetImage, QImage] | None = None
        self._prediction: Prediction | None = None
        self._pen_width = settings.pen_width
        self._pending_result: object | None = None

    # == start and stop ============================================================================
    def start(self) -> None:
        """Load the model in use (in the worker, where torch is imported: the window shows first)."""
        if self.library_problem:
            self.problem.emit(
                fill(self.tr("Your fine-tuned models cannot be listed: %1"), self.library_problem)
            )
        self.model_loading.emit("")
        self.inference.load_model(self._choice(None, self._device))

    def shutdown(self) -> None:
        self.inference.shutdown()
        self.samples.close()

    def report(self, text: str) -> None:
        """A problem for the user, from any view (shown until their next action)."""
        self.problem.emit(text)

    def wait_until_idle(self, timeout_s: float = 10.0) -> bool:
        """Run the event loop until no request is in flight or pending; False on timeout."""
        return process_events_until(self.inference.is_idle, timeout_s)

    # == models ====================================================================================
    def models(self) -> list[ModelEntry]:
        """The shipped models, then the kept ones by version (broken ones too); empty until torch loaded."""
        return list(self._models)

    def model(self) -> ModelEntry | None:
        """The entry of the model in use (None until the first one is loaded)."""
        return self._entry

    def model_id(self) -> str:
        return self._entry.id if self._entry is not None else ""

    def model_name(self, entry: ModelEntry | None = None) -> str:
        entry = entry if entry is not None else self._entry
        return display_name(entry) if entry is not None else ""

    def find_model(self, entry_id: str) -> ModelEntry | None:
        return next((e for e in self._models if e.id == entry_id), None)

    def recognizer(self) -> Recognizer | None:
        return self._recognizer

    def device(self) -> str:
        """The device asked for ("auto", "cpu", ...); `recognizer().device` is where it runs."""
        return self._device

    def select_model(self, entry_id: str) -> None:
        """Switch the network (loaded in the worker; `model_changed` says when it is in use)."""
        entry = self.find_model(entry_id)
        self._requested = (entry_id, self._requested[1])
        self.model_loading.emit(self.model_name(entry) if entry is not None else entry_id)
        self.inference.load_model(self._choice(entry_id, self._requested[1]))

    def select_device(self, device: str) -> None:
        """Run the model on `device` ("auto", "cpu", "cuda", "mps")."""
        self._requested = (self._requested[0] or self.model_id() or None, device)
        self.inference.load_model(self._choice(*self._requested))

    def shipped_counterpart(self) -> str:
        """The shipped model of the architecture in use: what "Reset to shipped" goes back to."""
        entry = self._entry
        if entry is not None and entry.arch in ("classic", "modern"):
            return shipped_id(entry.arch)
        from lenet_core.model_library import default_active_id

        return default_active_id()

    def reload_models(self) -> None:
        """List the library again (another copy of the app, or the user's file manager, changed it)."""
        models: list[ModelEntry] = []
        if self.library is not None:
            try:
                models = self.library.entries()
            except OSError as exc:
                self.problem.emit(fill(self.tr("Your fine-tuned models cannot be listed: %1"), str(exc)))
        self._models = models
        self.models_changed.emit()

    def keep_model(self, result: object, name: str) -> ModelEntry:
        """Keep a fine-tuning result as a new library version and switch to it.

        Raises what saving raised (a full disk...): the caller keeps the result and says why.
        """
        if self.library is None:
            raise OSError(self.library_problem or "no folder for kept models")
        entry = self.library.save(result, name or None)
        self.reload_models()
        self.select_model(entry.id)
        return entry

    def rename_model(self, entry_id: str, name: str) -> None:
        """Raises LibraryError (a ValueError) or OSError with the reason."""
        if self.library is not None:
            self.library.rename(entry_id, name)
            self.reload_models()

    def delete_model(self, entry_id: str) -> None:
        """Delete a kept model's file; if it was in use, the shipped model of its kind takes over."""
        if self.library is None:
            return
        fallback = self.shipped_counterpart()
        self.library.delete(entry_id)
        self.reload_models()
        if entry_id == self.model_id():
            self.select_model(fallback)

    def pending_result(self) -> object | None:
        """The fine-tuning result the Train page holds, neither kept nor discarded yet (or None)."""
        return self._pending_result

    def set_pending_result(self, result: object | None) -> None:
        """A fine-tuning run finished (its result), or its result was kept or discarded (None)."""
        if result is not self._pending_result:
            self._pending_result = result
            self.pending_result_changed.emit(result)

    def _choice(self, entry_id: str | None, device: str) -> ModelChoice:
        return ModelChoice(entry_id, device, self.library.dir if self.library is not None else None)

    def _on_model_ready(self, recognizer: Recognizer, entry: ModelEntry, notes: list[str]) -> None:
        first = self._recognizer is None
        if first:
            # Everything allocated so far (torch, Qt wrappers, the model) lives as long as the app;
            # moving it out of the collector's reach turns 100+ ms full collections into ~1 ms ones,
            # which would otherwise show up as stutters while drawing.
            gc.freeze()
        self._recognizer, self._entry = recognizer, entry
        asked = self._requested[1]
        fell_back = asked != "auto" and recognizer.device.type != asked
        self._device = recognizer.device.type if fell_back else asked
        self._requested = (entry.id, self._device)
        self.settings.device = self._device
        self._record_active(entry.id)
        if first or self.find_model(entry.id) is None:
            self.reload_models()
        if notes:
            self.problem.emit("\n".join(notes))
        else:
            self.problem_gone.emit()
        self.model_changed.emit(entry)
        self._rerun()

    def _on_model_failed(self, message: str, choice: ModelChoice) -> None:
        if self._recognizer is None:
            # Nothing runs yet (a stored device or model that is gone): fall back to the defaults.
            from lenet_core.model_library import default_active_id

            fallback = self._choice(default_active_id(), "auto")
            if (choice.entry_id, choice.device) != (fallback.entry_id, fallback.device):
                self._requested = (fallback.entry_id, fallback.device)
                self.inference.load_model(fallback)
        else:
            self._requested = (self.model_id(), self._device)
            self.model_changed.emit(self._entry)  # the menus go back to what is really in use
        self.problem.emit(fill(self.tr("Could not switch the model or device: %1"), message))

    def _record_active(self, entry_id: str) -> None:
        """The library's record of the model in use follows it (written only when it changes)."""
        if self.library is None:
            return
        try:
            if self.library.active_id != entry_id:
                self.library.set_active(entry_id)
        except (OSError, ValueError):
            pass  # e.g. a read-only data folder: the model still runs, only the record is not kept

    # == the sheet =================================================================================
    def sheet(self) -> Sheet | None:
        return self._sheet

    def prediction(self) -> Prediction | None:
        """The answer for what is on the sheet now (None: the sheet is empty, or no answer yet)."""
        return self._prediction

    def draw(self, drawing: Drawing, final: bool) -> None:
        """The drawing on the sheet changed: `final` when a stroke ended (no rate limit then)."""
        if final:
            self.problem_gone.emit()
        self.pen_moved.emit()
        self._sheet = drawing
        self.inference.request(drawing.request(), drawing, immediate=final)

    def clear(self) -> None:
        """The sheet is empty now: no answer, and none still due."""
        self._sheet = None
        self.inference.cancel()
        self.problem_gone.emit()
        self._show(None)

    def open_file(self, path: str | Path) -> None:
        """Recognise an image file. The sheet changes only once the core has read it
        (`sheet_image_ready`); a file that cannot be read gives a `problem` and changes nothing."""
        self._open(OpenedFile(Path(path)))

    def show_image(self, image: QImage) -> None:
        """Recognise a pasted or dropped image (no file behind it)."""
        if image.isNull():
            self.problem.emit(self.tr("The dropped or pasted data is not an image."))
            return
        self._open(PastedImage(image))

    def restore_image(self, image: SheetImage) -> None:
        """Undo or redo brought an image back onto the sheet: recognise it again."""
        self._sheet = image
        self.inference.cancel()
        self._rerun()

    def _open(self, image: SheetImage) -> None:
        self.problem_gone.emit()
        if not isinstance(self._sheet, (OpenedFile, PastedImage)) or self._before_open is None:
            self._before_open = self._sheet
        self._sheet = image
        self.inference.cancel()  # an answer still due for an earlier image must not land on this one
        self.inference.request(image.request(), image, immediate=True)

    def _rerun(self) -> None:
        """Run the model on whatever is on the sheet (a new model, an image back from the history)."""
        if self._sheet is not None:
            self.inference.request(self._sheet.request(), self._sheet, immediate=True)

    def _on_display(self, image: QImage, tag: object) -> None:
        if isinstance(tag, (OpenedFile, PastedImage)):
            self._display = (tag, image)

    def _on_prediction(self, prediction: Prediction, tag: object) -> None:
        if isinstance(tag, str):
            self.sample_read.emit(prediction)
            return
        if tag is not self._sheet:
            return  # for a sheet the user has drawn over, cleared or replaced since
        if isinstance(tag, (OpenedFile, PastedImage)):
            self._before_open = None
            shown = self._display[1] if self._display is not None and self._display[0] is tag else None
            if isinstance(tag, PastedImage):
                shown = tag.image
            if shown is None or shown.isNull():
                shown = placeholder_for(prediction, self.input_range())  # read, but not a format Qt shows
            self._display = None
            self.sheet_image_ready.emit(shown, tag)
        self._show(prediction)
        if isinstance(tag, (OpenedFile, PastedImage)) and not prediction.is_digit:
            name = tag.name if isinstance(tag, OpenedFile) else self.tr("pasted image")
            self.problem.emit(fill(self.tr("No digit found in %1."), name))

    def _on_prediction_failed(self, message: str, tag: object) -> None:
        if isinstance(tag, (OpenedFile, PastedImage)):
            if tag is self._sheet:  # the sheet was not changed: it keeps its drawing and its answer
                self._sheet, self._before_open = self._before_open, None
            self.problem.emit(fill(self.tr("Could not read the image: %1"), message))
        elif not isinstance(tag, str):
            self.problem.emit(fill(self.tr("Recognition failed: %1"), message))

    def _show(self, prediction: Prediction | None) -> None:
        self._prediction = prediction
        self.prediction_changed.emit(prediction)

    # == the pen ===================================================================================
    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        """The pen of every sheet, as a fraction of the sheet's side (kept within PEN_WIDTH_RANGE)."""
        width = min(PEN_WIDTH_RANGE[1], max(PEN_WIDTH_RANGE[0], float(width)))
        if abs(width - self._pen_width) > 1e-9:
            self._pen_width = width
            self.settings.pen_width = width
            self.pen_width_changed.emit(width)

    # == reading a sample (Train page) =============================================================
    def read_sample(self, image: object) -> None:
        """What the model in use reads in a sample being drawn: answered by `sample_read`."""
        self.pen_moved.emit()
        self.inference.request(image, "sample", immediate=True, lane="sample")  # type: ignore[arg-type]

    @staticmethod
    def input_range() -> tuple[float, float]:
        """The network's input values of paper and of full ink (the core's preprocessing decides)."""
        from lenet_core.preprocess import BACKGROUND_VALUE, INK_VALUE

        return BACKGROUND_VALUE, INK_VALUE
