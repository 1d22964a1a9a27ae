"""Languages: English (the source strings) and Simplified Chinese, switchable while the app runs.

Installing a translator makes Qt send LanguageChange to every widget, and each widget re-reads its
strings in `retranslate()`; nothing has to be rebuilt.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import translations_dir

_installed: list[QTranslator] = []


def resolve(language: str | None) -> str:
    """'system' (or None) -> the supported language closest to the system locale."""
    if language in ("en", "zh_CN"):
        return language
    name = QLocale.system().name()  # e.g. "zh_CN", "zh_SG", "en_US"
    return "zh_CN" if name.startswith("zh") else "en"


def install(language: str | None) -> str:
    """Replace the app's translators with those for `language`; returns the language now in use."""
    app = QCoreApplication.instance()
    resolved = resolve(language)
    if app is None:
        return resolved
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if resolved == "en":
        return resolved
    ours = QTranslator(app)
    if ours.load(f"lenet_digits_{resolved}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings (standard dialogs, buttons), when the Qt installation ships them.
    qt = QTranslator(app)
    if qt.load(f"qtbase_{resolved}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return resolved
