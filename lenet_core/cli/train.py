"""`lenet-train`: train LeNet-5 on MNIST and write safetensors weights with their metadata."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

import torch

from .. import mnist
from ..data import preprocess_many
from ..evaluate import evaluate
from ..models import ARCHITECTURES
from ..recognizer import Recognizer, resolve_device
from ..training import EpochReport, TrainConfig, train
from ..weights import save_weights


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lenet-train", description=__doc__)
    p.add_argument("--arch", choices=ARCHITECTURES, default="modern")
    p.add_argument("--data", type=Path, required=True, help="folder with the MNIST IDX files (.gz or not)")
    p.add_argument("--out", type=Path, required=True, help="weights file to write (.safetensors)")
    p.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    p.add_argument("--batch-size", type=int, default=TrainConfig.batch_size)
    p.add_argument("--lr", type=float, default=TrainConfig.lr, help="peak learning rate (one-cycle)")
    p.add_argument("--seed", type=int, default=TrainConfig.seed)
    p.add_argument("--no-augment", action="store_true", help="train on the plain images")
    p.add_argument("--limit", type=int, default=None, help="use only the first N training images")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    p.add_argument("--threads", type=int, default=None, help="CPU threads for torch")
    p.add_argument("--download", action="store_true", help="fetch MNIST into --data first (checks SHA-256)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.out.exists() and not args.force:
        print(f"lenet-train: {args.out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
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
    device = resolve_device(args.device)
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
    print(f"preprocessing {len(images)} training images ...", file=sys.stderr)
    ink, kept = preprocess_many(images)
    print(f"training {cfg.arch} on {device} ({len(kept)} images, {cfg.epochs} epochs)", file=sys.stderr)
    model = train(ink, labels[kept], cfg, device, progress=_bar)
    train_seconds = time.perf_counter() - start

    recognizer = Recognizer(model, device)
    accuracy = evaluate(recognizer, test_split.images, test_split.labels).accuracy
    print(f"test accuracy (10,000 MNIST test images, app preprocessing): {accuracy:.2%}", file=sys.stderr)
    command = "lenet-train " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    save_weights(
        model,
        args.out,
        {
            "training_command": command,
            "data_sha256": data_sha,
            "train_images": str(len(kept)),
            "test_accuracy": f"{accuracy:.4f}",
            "train_seconds": f"{train_seconds:.0f}",
            "device": str(device),
            "torch": torch.__version__,
        },
    )
    print(f"wrote {args.out} in {train_seconds:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
