"""Small pieces of text built the same way everywhere: a digit with its article, a layer's name.

English says "a 7" but "an 8"; other languages may need no article at all, so the phrase is
translated whole ("a %1", "an %1") and the sentences around it take it as one argument.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QToolButton


def with_article(digit: int, mnemonic: bool = False) -> str:
    """ "a 7", "an 8" (with "&" before the digit for a menu's keyboard shortcut when `mnemonic`)."""
    shown = f"&{digit}" if mnemonic else str(digit)
    if digit == 8:
        return QCoreApplication.translate("Texts", "an %1").replace("%1", shown)
    return QCoreApplication.translate("Texts", "a %1").replace("%1", shown)


def layer_name(stage: str) -> str:
    """C1 ... F6 are the paper's names and stay as they are; the output layer's name is translated."""
    return QCoreApplication.translate("Texts", "output") if stage == "output" else stage


def fit_menu_button(button: QToolButton) -> None:
    """Room for a menu button's text and its menu arrow: the style draws the arrow inside the button,
    over the end of the text ("Relabel as." instead of "Relabel as") unless the button is wider."""
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    button.setMinimumWidth(0)
    button.setMinimumWidth(button.sizeHint().width() + 2 * arrow)
