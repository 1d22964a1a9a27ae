"""Text built the same way everywhere: arguments into translated sentences, retranslation on a language
switch, a digit with its article, a layer's name, and what an answer's status says.

English says "a 7" but "an 8"; other languages may need no article at all, so the phrase is
translated whole ("a %1", "an %1") and the sentences around it take it as one argument.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QStyle, QToolButton


def fill(text: str, *args: object) -> str:
    """Put `args` into a translated text at "%1", "%2", ... (Qt's style, so translators may reorder)."""
    # From the highest number down, so that "%1" does not eat the start of "%10".
    for number in range(len(args), 0, -1):
        text = text.replace(f"%{number}", str(args[number - 1]))
    return text


class Retranslating:
    """Mixin for widgets (first in the bases): `retranslate()` runs again when the language changes.

    Installing a translator makes Qt send LanguageChange to every widget; this is the one place that
    turns it into a call, so nothing has to be rebuilt.
    """

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        raise NotImplementedError


def with_article(digit: int, mnemonic: bool = False) -> str:
    """ "a 7", "an 8" (with "&" before the digit for a menu's keyboard shortcut when `mnemonic`)."""
    shown = f"&{digit}" if mnemonic else str(digit)
    if digit == 8:
        return fill(QCoreApplication.translate("Texts", "an %1"), shown)
    return fill(QCoreApplication.translate("Texts", "a %1"), shown)


def layer_name(stage: str) -> str:
    """C1 ... F6 are the paper's names and stay as they are; the input's and the output's are translated."""
    if stage == "output":
        return QCoreApplication.translate("Texts", "output")
    if stage == "input":
        return QCoreApplication.translate("Texts", "input")
    return stage


def fit_menu_button(button: QToolButton) -> None:
    """Room for a menu button's text and its menu arrow: the style draws the arrow inside the button,
    over the end of the text ("Relabel as." instead of "Relabel as") unless the button is wider."""
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    button.setMinimumWidth(0)
    button.setMinimumWidth(button.sizeHint().width() + 2 * arrow)
