"""Small pieces of text built the same way everywhere: a digit with its article, a layer's name.

English says "a 7" but "an 8"; other languages may need no article at all, so the phrase is
translated whole ("a %1", "an %1") and the sentences around it take it as one argument.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def with_article(digit: int, mnemonic: bool = False) -> str:
    """ "a 7", "an 8" (with "&" before the digit for a menu's keyboard shortcut when `mnemonic`)."""
    shown = f"&{digit}" if mnemonic else str(digit)
    if digit == 8:
        return QCoreApplication.translate("Texts", "an %1").replace("%1", shown)
    return QCoreApplication.translate("Texts", "a %1").replace("%1", shown)


def layer_name(stage: str) -> str:
    """C1 ... F6 are the paper's names and stay as they are; the output layer's name is translated."""
    return QCoreApplication.translate("Texts", "output") if stage == "output" else stage
