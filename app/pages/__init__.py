"""The window's pages (tabs), in order. A new page is a package with a `Page` subclass, listed here."""

from __future__ import annotations

from app.pages.page import Page


def all_pages() -> list[type[Page]]:
    from app.pages.explorer import ExplorerPage
    from app.pages.learn import LearnPage
    from app.pages.recognise import RecognisePage
    from app.pages.train import TrainPage

    return [RecognisePage, TrainPage, LearnPage, ExplorerPage]


__all__ = ["Page", "all_pages"]
