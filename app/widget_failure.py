"""What happens when one widget fails: it says so in its own place, and the error is reported.

A widget that cannot be built (a module missing from an install, a graphics driver that refuses) shows
a short message where it would have been, and the rest of the window goes on working. The full
traceback goes to stderr, where the self-test and CI look for it, so a failure is never silent.
"""

from __future__ import annotations

import sys
import traceback


def report_widget_failure(what: str, exc: BaseException) -> str:
    """Print `what` failed, with the traceback, on stderr; returns the one-line reason for the user."""
    print(f"lenet-digits: the {what} could not be built:", file=sys.stderr)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    sys.stderr.flush()
    failure_hook(what, exc)
    return f"{type(exc).__name__}: {exc}"


def failure_hook(what: str, exc: BaseException) -> None:
    """Replaced by the self-test's error recorder, which fails the check on any widget failure."""
    from app.error_watch import record_failure

    record_failure(f"the {what} could not be built: {type(exc).__name__}: {exc}")
