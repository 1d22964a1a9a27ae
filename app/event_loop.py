"""Waiting without freezing: run the event loop until something is true (the one such wait)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop


def process_events_until(predicate: Callable[[], object], timeout_s: float) -> bool:
    """Process events until `predicate()` is true; False when `timeout_s` passed first."""
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)
    QCoreApplication.processEvents()
    return True
