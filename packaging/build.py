"""Build the LeNet Digits PyInstaller bundle and its release archive: the one build command.

    pip install -e ".[bundle]"        # PyInstaller (and the project, with the CPU build of torch)
    python packaging/build.py         # -> dist/LeNetDigits/ and dist/LeNetDigits-<version>-<os>-<arch>.tar.gz

Options: --no-archive (the folder only, e.g. for CI), --format gztar|xztar|zip, --self-test (run the
bundle's --self-test afterwards), --unpinned (build even when installed versions differ from the pins
of packaging/constraints.txt: for trying a new release, never for shipping). Prints the folder's and
the archive's sizes against the targets.
Builds from the interpreter that runs this script: install the CPU build of torch in it (see README).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_info as info  # noqa: E402
import pins  # noqa: E402

FORMATS = {"gztar": ".tar.gz", "xztar": ".tar.xz", "zip": ".zip"}


def run_pyinstaller(clean: bool) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is not installed: pip install -e ".[bundle]"') from None
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(info.SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(info.DIST),
        "--workpath",
        str(info.WORK),
    ]
    if clean:
        cmd.append("--clean")
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=info.ROOT)


def check_torch_build(allow_gpu: bool) -> None:
    """Refuse a CUDA/ROCm build of torch: its libraries make a bundle of several GB (README: GPU users)."""
    probe = "import torch; print(torch.__version__, torch.version.cuda or torch.version.hip or '')"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    if len(out) > 1 and not allow_gpu:
        raise SystemExit(
            f"torch {out[0]} is a GPU build (CUDA/ROCm {out[1]}): the bundle ships the CPU build."
            " Install that with\n"
            "  pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
            "or pass --allow-gpu-torch to bundle this one anyway."
        )
    print(f"torch {out[0]}", flush=True)


def check_pins(unpinned: bool) -> None:
    """Build only from the tested versions: every bundled package at its pin in constraints.txt."""
    problems = pins.mismatches()
    if not problems:
        print(f"versions: as pinned in {pins.CONSTRAINTS.relative_to(info.ROOT)}", flush=True)
        return
    text = "\n  ".join(problems)
    if unpinned:
        print(f"warning: building from versions that differ from the pins:\n  {text}", flush=True)
        return
    raise SystemExit(
        f"the installed versions differ from {pins.CONSTRAINTS.relative_to(info.ROOT)}:\n  {text}\n"
        'install the pinned set with  pip install -c packaging/constraints.txt -e ".[bundle]"  '
        "(or pass --unpinned to try these versions)"
    )


def make_archive(fmt: str) -> Path:
    """Archive dist/LeNetDigits (the top folder keeps its name, so it unpacks into LeNetDigits/)."""
    src = info.bundle_dir() if sys.platform != "darwin" else info.DIST / f"{info.APP_NAME}.app"
    out = info.DIST / (info.archive_stem() + FORMATS[fmt])
    out.unlink(missing_ok=True)
    tmp = out.with_name(out.name + ".part")
    if fmt == "zip":
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for p in sorted(src.rglob("*")):
                z.write(p, Path(src.name) / p.relative_to(src))
    else:
        tar_bin = shutil.which("tar")
        compressor = "gzip" if fmt == "gztar" else "xz"
        if tar_bin and sys.platform != "win32" and shutil.which(compressor):
            # GNU tar + gzip/xz (multi-threaded xz) is several times faster than Python's tarfile.
            program = "gzip -6" if fmt == "gztar" else "xz -6 -T0"
            subprocess.run(
                [
                    tar_bin,
                    "--owner=0",
                    "--group=0",
                    "--numeric-owner",
                    "-I",
                    program,
                    "-cf",
                    str(tmp),
                    "-C",
                    str(src.parent),
                    src.name,
                ],
                check=True,
            )
        else:
            mode = "w:gz" if fmt == "gztar" else "w:xz"
            with tarfile.open(tmp, mode) as t:
                t.add(src, arcname=src.name)
    tmp.replace(out)
    return out


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    default_fmt = "zip" if sys.platform == "win32" else "gztar"
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default=default_fmt,
        help=f"archive format (default {default_fmt})",
    )
    parser.add_argument(
        "--clean", action="store_true", help="discard PyInstaller's cache (build/pyinstaller) first"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="run the bundle's --self-test after building"
    )
    parser.add_argument(
        "--allow-gpu-torch", action="store_true", help="bundle a CUDA/ROCm build of torch (GB)"
    )
    parser.add_argument(
        "--unpinned", action="store_true", help="build although versions differ from constraints.txt"
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    check_pins(args.unpinned)
    check_torch_build(args.allow_gpu_torch)
    run_pyinstaller(args.clean)
    built = time.perf_counter()
    exe = info.executable()
    if not exe.exists():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    folder = info.folder_size(info.bundle_dir())
    print(
        f"bundle:  {info.bundle_dir()}  {mb(folder)} (target <= {info.TARGET_FOLDER_MB} MB)"
        f"  built in {built - start:.0f} s"
    )
    status = 0 if folder <= info.TARGET_FOLDER_MB * 1e6 else 1
    if not args.no_archive:
        archive = make_archive(args.format)
        size = archive.stat().st_size
        print(
            f"archive: {archive}  {mb(size)} (target <= {info.TARGET_ARCHIVE_MB} MB)  "
            f"packed in {time.perf_counter() - built:.0f} s"
        )
        status |= 0 if size <= info.TARGET_ARCHIVE_MB * 1e6 else 1
    if args.self_test:
        result = subprocess.run([str(exe), "--self-test"], check=False)
        status |= result.returncode
    if status:
        print("build finished, but a size target or the self-test failed", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
