"""The Explore tab's costs: answering the test set in batches, and showing thousands of thumbnails.

* Answers: `lenet_core.explore.answer_batches` over the MNIST test digits (all 10,000 when found, else the
  1,000 shipped ones), the app's preprocessing included, in the explorer's batches of 500, with the
  time to the first batch (when the matrix first shows) and to the last.
* Grid: the thumbnail list (one QListView over one list model) given every digit as rows, then
  painted once at the window's size and scrolled to the end; the time of each, offscreen.

    python benchmarks/bench_explorer.py [--arch classic|modern] [--threads 2] [--data ../shared/data/mnist]

Prints figures and the load average; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", default="classic", choices=("classic", "modern"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/mnist")
    args = p.parse_args()

    import numpy as np
    import torch

    from lenet_core.explore import answer_batches, confusion_matrix, load_test_digits
    from lenet_core.recognizer import Recognizer

    torch.set_num_threads(args.threads)
    test = load_test_digits([args.data])
    recognizer = Recognizer.load(args.arch, device="cpu")
    images = list(test.images)
    start = time.perf_counter()
    first = None
    predicted = np.full(len(images), -1)
    for begin, answers in answer_batches(recognizer, images):
        first = first if first is not None else time.perf_counter() - start
        predicted[begin : begin + len(answers)] = answers.predicted
    total = time.perf_counter() - start
    matrix = confusion_matrix(test.labels, predicted)
    print(f"answers: {len(images):,} digits ({test.source}), {args.arch} model, {args.threads} threads: "
          f"first batch {first:.2f} s, all {total:.2f} s ({len(images) / total:,.0f} digits/s); "
          f"{np.trace(matrix[:, :10]) / len(images):.2%} read right")

    from PySide6.QtWidgets import QApplication

    from app.pages.explorer.answer_worker import TEST_SET, DigitSet
    from app.pages.explorer.digit_grid import DigitGrid

    app = QApplication.instance() or QApplication([])
    grid = DigitGrid()
    grid.resize(640, 540)
    grid.show()
    digits = DigitSet(TEST_SET, images, test.labels, list(range(len(images))), test.source, test.location)
    start = time.perf_counter()
    grid.digit_model.set_digits(digits)
    grid.digit_model.set_answers(predicted, np.ones(len(images), np.float32), None)
    grid.digit_model.set_rows(np.arange(len(images)))
    app.processEvents()
    grid.grab()
    shown = time.perf_counter() - start
    start = time.perf_counter()
    grid.scrollToBottom()
    app.processEvents()
    grid.grab()
    scrolled = time.perf_counter() - start
    print(f"grid: {len(images):,} rows set and the first screen painted in {shown * 1000:.0f} ms; "
          f"scrolled to the end and painted in {scrolled * 1000:.0f} ms")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    grid.close()


if __name__ == "__main__":
    main()
