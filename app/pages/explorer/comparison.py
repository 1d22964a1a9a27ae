"""Which model the Explore page answers with, which model it compares it with, and what a selection
of digits is called.

A fine-tuned model (kept, or a result not kept yet) records the metadata of the model it was tuned
from: a kept version ("version" in it) or a shipped model (its architecture). That model is loaded
again, so the page can say which digits the fine-tune fixed and which it broke.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication

from app.models import shipped_id
from app.pages.explorer.answer_worker import DigitSet, ModelToLoad
from app.session import RecognitionSession
from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.explore import Answers, Changes
    from lenet_core.recognizer import Recognizer

NO_DIGIT = 10
SORTS = ("least_sure", "most_sure", "set_order")


@dataclass(frozen=True)
class Selection:
    kind: str  # "errors", "cell" (a cell, a row or a column of the matrix), "fixed" or "broken"
    true: int | None = None
    given: int | None = None


def base_of(
    session: RecognitionSession, metadata: dict[str, str], arch: str
) -> tuple[ModelToLoad, str] | None:
    """The model a fine-tuned one was tuned from, and its name; None if not fine-tuned, or it is gone."""
    text = metadata.get("base_metadata")
    if metadata.get("kind") != "fine-tuned" or text is None:
        return None
    try:
        base = json.loads(text)
    except ValueError:
        return None
    version = base.get("version") if isinstance(base, dict) else None
    base_arch = metadata.get("base_arch") or arch
    entry = session.find_model(f"v{version}" if version else shipped_id(base_arch))
    if entry is None or not entry.ok or entry.arch is None:
        return None
    return ModelToLoad(entry.arch, None if entry.shipped else entry.path, "cpu"), session.model_name(entry)


def subject_and_base(
    session: RecognitionSession, pending: object | None
) -> tuple[Recognizer, ModelToLoad | None, str] | None:
    """(a copy of the model to explore, the model to compare it with, that model's name); None while
    no model is loaded. `pending`: a fine-tuning result not kept yet, explored instead of the model in use."""
    if pending is not None:
        recognizer = pending.recognizer()  # type: ignore[attr-defined]
    else:
        recognizer = session.recognizer()
        if recognizer is None:
            return None
    copy = recognizer.to(recognizer.device)  # the worker's own: the inference thread keeps its model
    found = base_of(session, copy.metadata, copy.arch)
    if found is None:
        return copy, None, ""
    base, name = found
    return copy, ModelToLoad(base.arch, base.weights, copy.device.type), name


def digits_of(
    selection: Selection, labels: np.ndarray, answers: Answers, changes: Changes | None, sort: str
) -> np.ndarray:
    """The indices of the digits a selection shows, answered ones only, in the order asked for."""
    from lenet_core import explore

    if selection.kind in ("fixed", "broken"):
        rows = getattr(changes, selection.kind) if changes is not None else np.zeros(0, np.int64)
    elif selection.kind == "cell":
        rows = explore.cell_indices(labels, answers.predicted, selection.true, selection.given)
    else:
        rows = explore.errors(labels, answers.predicted)
    rows = rows[answers.status[rows] != "pending"]
    if sort != "set_order":
        rows = explore.by_confidence(rows, answers.confidence, descending=sort == "most_sure")
    return rows


def mnist_folders(session: RecognitionSession) -> tuple[Path, ...]:
    """Where MNIST is looked for: the Learn page's folder (chosen, or where it downloads), then the
    places the core knows (shipped with the app, beside a source checkout)."""
    from lenet_core.explore import default_mnist_dirs
    from lenet_core.user_data import data_dir

    downloaded = data_dir(session.data_dir) / "mnist"
    return (session.settings.mnist_folder, downloaded, *default_mnist_dirs())


def describe_selection(selection: Selection, count: int) -> str:
    """"12 digits 4 read as 9", "3 digits fixed by the fine-tune"..."""

    true, given = selection.true, selection.given
    if selection.kind == "fixed":
        return fill(QCoreApplication.translate("ExplorerPage", "%1 digits the fine-tune fixed"), count)
    if selection.kind == "broken":
        return fill(QCoreApplication.translate("ExplorerPage", "%1 digits the fine-tune broke"), count)
    if selection.kind == "errors":
        return fill(QCoreApplication.translate("ExplorerPage", "%1 digits read wrongly or not at all"), count)
    if true is not None and given is not None:
        if given == NO_DIGIT:
            return fill(QCoreApplication.translate("ExplorerPage", "%1 × %2 given no digit"), count, true)
        if given == true:
            return fill(QCoreApplication.translate("ExplorerPage", "%1 × %2 read right"), count, true)
        return fill(QCoreApplication.translate("ExplorerPage", "%1 × %2 read as %3"), count, true, given)
    if true is not None:
        return fill(QCoreApplication.translate("ExplorerPage", "All %1 digits labelled %2"), count, true)
    if given == NO_DIGIT:
        return fill(QCoreApplication.translate("ExplorerPage", "%1 digits given no digit"), count)
    return fill(QCoreApplication.translate("ExplorerPage", "%1 digits read as %2"), count, given)


def describe_set(digits: DigitSet | None) -> str:
    """Which digits are shown and where they came from (the MNIST folder, or the shipped subset)."""
    translate = QCoreApplication.translate
    if digits is None:
        return translate("ExplorerPage", "Reading the digits…")
    count = f"{len(digits.labels):,}"
    if digits.source == "mnist":
        return fill(translate("ExplorerPage", "The %1 MNIST test digits, from %2."), count, digits.location)
    if digits.source == "shipped":
        return fill(
            translate(
                "ExplorerPage",
                "MNIST was not found, so these are the %1 test digits shipped with the app. To explore all "
                "10,000, download MNIST or choose its folder on the Learn page.",
            ),
            len(digits.labels),
        )
    if not len(digits.labels):
        return translate("ExplorerPage", "You have no samples yet: draw some on the Train page.")
    text = fill(translate("ExplorerPage", "Your %1 samples."), len(digits.labels))
    if digits.unreadable:
        left_out = translate("ExplorerPage", "%1 could not be read and are left out.")
        text += " " + fill(left_out, digits.unreadable)
    return text
