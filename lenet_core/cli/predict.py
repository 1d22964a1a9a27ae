"""`lenet-predict`: read digit images with LeNet-5, one line (or one JSON object) per image."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..architectures import ARCHITECTURES, DEFAULT_ARCH
from ..images import ImageError

if TYPE_CHECKING:  # torch loads only once the arguments are understood: --help answers at once
    from ..recognizer import Prediction


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lenet-predict", description=__doc__)
    p.add_argument("images", nargs="+", type=Path, help="image files (PNG, JPEG, BMP, ...)")
    p.add_argument("--arch", choices=ARCHITECTURES, default=DEFAULT_ARCH)
    p.add_argument("--weights", type=Path, default=None, help="a weights file instead of the shipped ones")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    return p


def describe(pred: Prediction) -> str:
    """One answer in words: "3 (97.1%)", "3 or 9? (52.0% / 41.0%)", "not a digit", "no digit"."""
    if pred.status == "empty" or pred.probabilities is None:
        return "no digit"
    if pred.status == "not_a_digit" or pred.label is None:
        return "not a digit"
    if pred.status == "unsure":
        names = [pred.label] + [d for d, _ in pred.alternatives]
        shares = [pred.confidence or 0.0] + [p for _, p in pred.alternatives]
        return " or ".join(map(str, names)) + "? (" + " / ".join(f"{p:.1%}" for p in shares) + ")"
    return f"{pred.label} ({pred.confidence:.1%})"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from ..recognizer import Recognizer
    from ..weights import WeightsError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            recognizer = Recognizer.load(args.arch, weights=args.weights, device=args.device)
        except (WeightsError, ValueError) as exc:
            print(f"lenet-predict: {exc}", file=sys.stderr)
            return 2
    for w in caught:
        print(f"lenet-predict: warning: {w.message}", file=sys.stderr)

    failures = 0
    for path in args.images:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                pred = recognizer.predict(path)
        except ImageError as exc:
            failures += 1
            print(f"lenet-predict: {exc}", file=sys.stderr)
            continue
        finally:
            for w in caught:
                print(f"lenet-predict: warning: {w.message}", file=sys.stderr)
        if args.json:
            probs = None if pred.probabilities is None else [round(float(p), 6) for p in pred.probabilities]
            alternatives = [{"label": d, "probability": round(float(p), 6)} for d, p in pred.alternatives]
            record = {
                "path": str(path),
                "status": pred.status,
                "label": pred.label,
                "probabilities": probs,
                "alternatives": alternatives,
                "views": pred.views if probs is not None else None,  # views of the input averaged
            }
            print(json.dumps(record), flush=True)
        else:
            print(f"{path}: {describe(pred)}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
