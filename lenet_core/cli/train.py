"""`lenet-train`: train LeNet-5 on MNIST and write safetensors weights with their metadata.

Besides MNIST's own digits, the model learns from realistic digits drawn from MNIST's strokes (on the
canvas, a tablet, a coarse scan) and from drawings that are not digits; then a temperature and the
"not a digit" and "unsure" thresholds are fitted on held-out digits and stored with the weights.
"""

from __future__ import annotations

import argparse
import math
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .. import mnist
from ..architectures import ARCHITECTURES
from ..train_config import TrainConfig
from ..train_data import DataConfig, NoUsableImages, build, build_holdout, holdout_split

if TYPE_CHECKING:  # torch loads only once the arguments are understood: --help answers at once
    import torch

    from ..recognizer import Recognizer
    from ..training import EpochReport


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, no usage dump: the message names the argument and what is wrong with it.
        self.exit(2, f"{self.prog}: {message}\n")


def _whole(minimum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def _positive_float(text: str) -> float:
    value = _number(text)
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _share(text: str) -> float:
    value = _number(text)
    if not math.isfinite(value) or not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"must be between 0 and 10, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="lenet-train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--arch", choices=ARCHITECTURES, default="modern")
    p.add_argument("--data", type=Path, required=True, help="folder with the MNIST IDX files (.gz or not)")
    p.add_argument("--out", type=Path, required=True, help="weights file to write (.safetensors)")
    p.add_argument("--epochs", type=_whole(1), default=TrainConfig.epochs)
    p.add_argument("--batch-size", type=_whole(1), default=TrainConfig.batch_size)
    p.add_argument("--lr", type=_positive_float, default=TrainConfig.lr,
                   help="peak learning rate (one-cycle)")
    p.add_argument("--seed", type=int, default=TrainConfig.seed)
    p.add_argument("--no-augment", action="store_true", help="train on the plain images")
    p.add_argument("--limit", type=_whole(1), default=None, help="use only the first N training images")
    p.add_argument("--realistic", type=_share, default=DataConfig.realistic,
                   help="realistic (redrawn) digits per MNIST digit; 0 trains on MNIST alone")
    p.add_argument("--negatives", type=_share, default=DataConfig.negatives,
                   help="drawings that are not digits, per MNIST digit")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    p.add_argument("--threads", type=_whole(1), default=None, help="CPU threads for torch")
    p.add_argument("--download", action="store_true", help="fetch MNIST into --data first (checks SHA-256)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument("--calibrate-only", action="store_true",
                   help="train nothing: refit the temperature and thresholds of the weights in --out "
                        "on the held-out digits and rewrite them, keeping everything else")
    return p


def _bar(report: EpochReport) -> None:
    done = report.step / report.steps
    filled = int(done * 30)
    sys.stderr.write(
        f"\repoch {report.epoch}/{report.epochs} [{'#' * filled}{'.' * (30 - filled)}] {done:4.0%} "
        f"loss {report.loss:.4f} acc {report.accuracy:6.2%} {report.seconds:6.0f}s"
    )
    if report.step == report.steps:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _test_figures(recognizer: Recognizer, test_split: mnist.Split) -> dict[str, str]:
    """The test digits read right by the best digit (MNIST's usual figure), and answered right when
    a digit turned away as "not a digit" counts as an error; logged and kept in the metadata."""
    from ..evaluate import answers

    given = answers(recognizer, test_split.images)
    read = float((given.argmax == test_split.labels).mean())
    answered = float((given.predicted == test_split.labels).mean())
    _log(f"test accuracy ({len(test_split.labels):,} MNIST test images, app preprocessing): {read:.2%} "
         f"read right, {answered:.2%} answered right (a digit called 'not a digit' counted wrong)")
    return {"test_accuracy": f"{read:.4f}", "test_answered_right": f"{answered:.4f}"}


def _quiet(text: str) -> None:
    """Processes other than rank 0 of a torchrun job say nothing: rank 0 speaks for all."""


def _command(argv: list[str] | None) -> str:
    return "lenet-train " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))


def _calibrate_only(args: argparse.Namespace, train_split: mnist.Split, test_split: mnist.Split,
                    device: torch.device, argv: list[str] | None) -> int:
    from ..recognizer import Recognizer
    from ..training import calibrate
    from ..weights import WeightsError, load_weights, save_weights

    try:
        model, meta = load_weights(args.out, args.arch)
    except WeightsError as exc:
        print(f"lenet-train: {exc}", file=sys.stderr)
        return 2
    model = model.to(device)
    cfg = DataConfig(realistic=args.realistic, negatives=args.negatives)
    digits, non_digits = build_holdout(*holdout_split(train_split.images, train_split.labels, cfg), cfg, _log)
    calibration, fit_report = calibrate(model, digits, non_digits, device)
    _log(f"calibration: {fit_report}")
    recognizer = Recognizer(model, device, calibration.to_metadata())
    test_figures = _test_figures(recognizer, test_split)
    meta.update(calibration_command=_command(argv), calibration_fit=fit_report)
    meta.update(test_figures)
    save_weights(model, args.out, {**meta, **calibration.to_metadata()})
    _log(f"rewrote {args.out} with the new calibration")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.out.exists() and not args.force and not args.calibrate_only:
        print(f"lenet-train: {args.out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    import torch

    from .. import distributed
    from ..recognizer import Recognizer
    from ..training import calibrate, train
    from ..weights import save_weights

    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        if args.download:
            mnist.download(args.data)
        train_split = mnist.load_split(args.data, "train")
        test_split = mnist.load_split(args.data, "test")
        data_sha = mnist.checksum(args.data, "train")
    except (OSError, mnist.IDXError) as exc:
        print(f"lenet-train: {exc}", file=sys.stderr)
        return 2
    try:
        parallel, device = distributed.start(args.device)  # under torchrun: join the other processes
    except RuntimeError as exc:
        print(f"lenet-train: {exc}", file=sys.stderr)
        return 2
    share_only = parallel is not None and not parallel.is_main  # trains its share; rank 0 does the rest
    log, progress = (_quiet, None) if share_only else (_log, _bar)
    if args.calibrate_only:
        distributed.finish(parallel)
        return 0 if share_only else _calibrate_only(args, train_split, test_split, device, argv)
    cfg = TrainConfig(
        arch=args.arch,
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        seed=args.seed,
        augment=not args.no_augment,
    )
    images, labels = train_split.images, train_split.labels
    if args.limit:
        images, labels = images[: args.limit], labels[: args.limit]

    start = time.perf_counter()
    try:
        data = build(images, labels, DataConfig(realistic=args.realistic, negatives=args.negatives), log=log)
    except NoUsableImages as exc:
        print(f"lenet-train: no usable training images in {args.data}: {exc}", file=sys.stderr)
        return 2
    log(f"training {cfg.arch} on {device} ({len(data.train.labels)} images: {data.mnist_digits} MNIST, "
         f"the rest redrawn or not digits; {cfg.epochs} epochs)")
    model = train(data.train.ink, data.train.labels, cfg, device, progress=progress, parallel=parallel)
    distributed.finish(parallel)
    if share_only:
        return 0
    calibration, fit_report = calibrate(model, data.holdout_digits, data.holdout_negatives, device)
    _log(f"calibration: {fit_report}")
    train_seconds = time.perf_counter() - start

    recognizer = Recognizer(model, device, calibration.to_metadata())
    test_figures = _test_figures(recognizer, test_split)
    command = _command(argv)
    save_weights(
        model,
        args.out,
        {
            "training_command": command,
            "data_sha256": data_sha,
            "train_images": str(data.mnist_digits),
            "train_images_all": str(len(data.train.labels)),
            **test_figures,
            "train_seconds": f"{train_seconds:.0f}",
            "device": str(device),
            "torch": torch.__version__,
            **({"processes": f"{parallel.world_size} ({parallel.backend})"} if parallel is not None else {}),
            "calibration_fit": fit_report,
            **calibration.to_metadata(),
        },
    )
    _log(f"wrote {args.out} in {train_seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
