"""`lenet-export`: write a LeNet-5 (shipped, fine-tuned or trained) to ONNX for use in other programs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..architectures import ARCHITECTURES, DEFAULT_ARCH
from ..resources import shipped_weights


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lenet-export",
        description=__doc__,
        epilog="The graph reads (N, 1, 32, 32) float32 inputs, preprocessed as lenet_core.preprocess does, "
        "and returns the ten probabilities per image (see README, 'Use the model in another program').",
    )
    p.add_argument("--arch", choices=ARCHITECTURES, default=DEFAULT_ARCH, help="a shipped model")
    p.add_argument("--weights", type=Path, default=None, help="a weights file instead (fine-tuned, trained)")
    p.add_argument("--out", type=Path, required=True, help="the .onnx file to write")
    p.add_argument(
        "--raw-output",
        action="store_true",
        help="also output the RBF penalties (classic) or the logits (modern)",
    )
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # torch loads only once the arguments are understood: --help answers at once
    from ..export import ExportError, export_onnx, raw_output_name, temperature_from, views_from
    from ..models import ClassicLeNet5, ModernLeNet5
    from ..weights import WeightsError, load_weights

    path = args.weights if args.weights is not None else shipped_weights(args.arch)
    if args.out.exists() and not args.out.is_dir() and not args.force:
        print(f"lenet-export: {args.out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    try:
        if args.weights is None and not path.exists():
            raise WeightsError(f"{path}: the shipped {args.arch} weights are missing")
        model, metadata = load_weights(path, arch=None if args.weights is not None else args.arch)
        assert isinstance(model, ClassicLeNet5 | ModernLeNet5)  # load_weights builds one of the two
        temperature = temperature_from(metadata, str(model.output_kind))
        export_onnx(
            model,
            args.out,
            temperature=temperature,
            raw_output=args.raw_output,
            overwrite=args.force,
            metadata={**metadata, "source": str(path)},
            views=views_from(metadata, str(model.output_kind)),
        )
    except (WeightsError, ExportError) as exc:
        print(f"lenet-export: {exc}", file=sys.stderr)
        return 2
    outputs = "probabilities" + (f" and {raw_output_name(model)}" if args.raw_output else "")
    print(f"{args.out}: {model.arch} LeNet-5, (N, 1, 32, 32) in, {outputs} out, temperature {temperature:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
