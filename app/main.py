"""`lenet-digits`: start the desktop app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__
from app.config import APPLICATION, LANGUAGES, ORGANIZATION
from app.display_check import display_problem


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="lenet-digits",
        description="Draw a digit and watch LeNet-5 read it: live prediction and every layer's feature maps.",
    )
    parser.add_argument("--version", action="version", version=f"lenet-digits {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder for your own files (fine-tuned models, samples); default: the platform's data folder",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="interface language (default: the one chosen in the settings, else the system's)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (window, drawing, both models, translations, icons), "
        "print a JSON summary and exit 0 (non-zero with the reasons on failure)",
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --self-test: run on the real display (e.g. under Xvfb) and save a screenshot of "
        "every tab and dialog it opens into DIR",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="print when the window is shown and the model ready (for benchmarks/bench_bundle.py), then quit",
    )
    # Qt's own options (-platform, -style, ...) are passed through to QApplication.
    return parser.parse_known_args(argv)[0] if argv is None else parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.self_test:
        from app.self_test import main as self_test

        return self_test(screenshots=args.screenshots)
    problem = display_problem(qt_args=sys.argv if argv is None else argv)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from app.error_watch import report_to_window
    from app.window import create_main_window

    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1] if argv is not None else sys.argv)
    window = create_main_window(data_dir=args.data_dir, language=args.lang)
    from PySide6.QtCore import QCoreApplication

    report_to_window(window.session.report, QCoreApplication.translate(
        "MainWindow", "Something went wrong: %1 (details on the terminal)"))
    window.show()
    if args.measure_startup:
        from app.startup_probe import startup_probe

        startup_probe(window)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
