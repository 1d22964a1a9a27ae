"""What an answer says, the same words and colours everywhere: the verdict above the bars, the status
bar, the Train tab's reading of a sample, the correction menu.

The core decides what an answer is (`Prediction.status`): a digit read with confidence, a close call
("3 or 9?"), a drawing that is not a digit, an image without ink, or one that could not be read. The
app only says it; it never second-guesses the core with thresholds of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.texts import fill

if TYPE_CHECKING:
    from lenet_core.recognizer import Prediction

CONFIDENT_COLOR = QColor(33, 113, 181)  # a digit read with confidence
WARNING_COLOR = QColor(217, 119, 6)  # the candidates of an unsure answer
MUTED_COLOR = QColor(160, 160, 160)  # not a digit: the network's scores, none of them an answer
BAR_COLOR = QColor(158, 202, 225)  # the other digits' bars

NOTHING = "nothing"  # no answer at all: an empty sheet


def _percent(p: float) -> str:
    return f"{100 * p:.0f} %"


@dataclass(frozen=True)
class Verdict:
    status: str  # the Prediction's status, or NOTHING
    headline: str  # large: "7", "3 or 9?", "Not a digit", "Draw a digit"
    detail: str  # one sentence under it
    summary: str  # short, for the status bar and the Train tab: "Read as 7 (98 %)"
    candidates: tuple[int, ...] = ()  # the digits the answer names, best first

    @property
    def color(self) -> QColor | None:
        """The colour of the answer's digits (and of their bars); None: the palette's text colour."""
        return {"digit": CONFIDENT_COLOR, "unsure": WARNING_COLOR, "not_a_digit": MUTED_COLOR}.get(
            self.status
        )

    @property
    def correctable(self) -> bool:
        """Whether "Wrong? It is a…" makes sense: the network gave an answer about some ink."""
        return self.status in ("digit", "unsure", "not_a_digit")


def verdict(prediction: Prediction | None) -> Verdict:
    """The words for `prediction` (None: nothing on the sheet)."""
    if prediction is None:
        return Verdict(
            NOTHING,
            QCoreApplication.translate("Verdict", "Draw a digit"),
            QCoreApplication.translate("Verdict", "The network's answer appears here while you draw."),
            "",
        )
    status = prediction.status
    if status == "empty":
        return Verdict(
            status,
            QCoreApplication.translate("Verdict", "Draw a digit"),
            QCoreApplication.translate("Verdict", "There is no ink on the sheet."),
            QCoreApplication.translate("Verdict", "No ink"),
        )
    if status == "error":
        reason = prediction.error or ""
        return Verdict(
            status,
            "–",
            fill(QCoreApplication.translate("Verdict", "The image could not be read: %1"), reason),
            QCoreApplication.translate("Verdict", "Unreadable"),
        )
    probabilities = prediction.probabilities
    best = prediction.label
    if best is None and probabilities is not None:
        best = int(probabilities.argmax())
    confidence = float(probabilities[best]) if probabilities is not None and best is not None else 0.0
    if status == "not_a_digit":
        detail = QCoreApplication.translate("Verdict", "This does not look like a digit.")
        if best is not None:
            detail = fill(
                QCoreApplication.translate(
                    "Verdict", "This does not look like a digit. Its closest digit is %1 (%2)."
                ),
                best,
                _percent(confidence),
            )
        return Verdict(
            status,
            QCoreApplication.translate("Verdict", "Not a digit"),
            detail,
            QCoreApplication.translate("Verdict", "Not a digit"),
        )
    if status == "unsure" and prediction.alternatives and best is not None:
        other, other_p = prediction.alternatives[0]
        return Verdict(
            status,
            fill(QCoreApplication.translate("Verdict", "%1 or %2?"), best, other),
            fill(
                QCoreApplication.translate("Verdict", "Unsure: %1 (%2) or %3 (%4)"),
                best,
                _percent(confidence),
                other,
                _percent(other_p),
            ),
            fill(QCoreApplication.translate("Verdict", "Unsure: %1 or %2"), best, other),
            (best, *(digit for digit, _ in prediction.alternatives)),
        )
    if best is None:
        return verdict(None)
    if status == "unsure":  # no runner-up named: still a close call on one digit
        return Verdict(
            status,
            f"{best}?",
            fill(
                QCoreApplication.translate("Verdict", "Unsure: perhaps %1 (%2)"), best, _percent(confidence)
            ),
            fill(QCoreApplication.translate("Verdict", "Unsure: perhaps %1"), best),
            (best,),
        )
    return Verdict(
        status,
        str(best),
        fill(
            QCoreApplication.translate("Verdict", "%1 with %2 confidence"), best, f"{100 * confidence:.1f} %"
        ),
        fill(QCoreApplication.translate("Verdict", "Read as %1 (%2)"), best, _percent(confidence)),
        (best,),
    )
