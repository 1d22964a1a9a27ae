"""Figures of the PyInstaller bundle: folder and archive size, launch-to-window time vs the installed package.

    python packaging/build.py                 # first: dist/LeNetDigits/ and its archive
    python benchmarks/bench_bundle.py [--runs 7] [--json out.json]

Both programs are started the same way, alternately, with `--measure-startup` (app/main.py): the app
starts normally, prints the wall-clock time at which its window is exposed and painted and at which
the model is loaded, then quits. Launch-to-window is that time minus the moment this script started
the process, i.e. what a user waits for; the first run of each is reported apart (cold-ish file cache),
the figure is the median of the others. Each run gets a fresh settings and data folder. Qt's platform
is offscreen unless --platform says otherwise (e.g. xcb under Xvfb).

Targets (2-core CPU): bundle launch to window <= 4 s; folder <= 900 MB; archive <= 350 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
import bundle_info as info  # noqa: E402

MARKER = "LENET_DIGITS_STARTUP "


def installed_command() -> list[str]:
    """The installed package's `lenet-digits` entry point (same environment as this interpreter)."""
    script = Path(sys.executable).parent / ("lenet-digits.exe" if sys.platform == "win32" else "lenet-digits")
    if script.exists():
        return [str(script)]
    found = shutil.which("lenet-digits")
    return [found] if found else [sys.executable, "-m", "app.main"]


def launch(cmd: list[str], platform: str, timeout: float = 180.0) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM=platform,
            XDG_CONFIG_HOME=str(Path(tmp) / "config"),  # fresh QSettings: default window, default model
            LENET_DIGITS_DATA_DIR=str(Path(tmp) / "data"),
        )
        env.pop("LENET_DIGITS_RESOURCES", None)
        start = time.time()
        proc = subprocess.Popen(
            [*cmd, "--measure-startup"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        record = None
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith(MARKER):
                    record = json.loads(line[len(MARKER) :])
                    break
            proc.wait(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        end = time.time()
    if record is None:
        raise RuntimeError(f"{cmd[0]} printed no startup record (exit {proc.returncode})")
    return {
        "window_s": record["window_shown_epoch"] - start,
        "model_s": record["model_ready_epoch"] - start,
        "exit_s": end - start,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="launches of each program (the first is reported apart)"
    )
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)

    exe = info.executable()
    if not exe.exists():
        raise SystemExit(f"{exe} not found: build it first with `python packaging/build.py`")
    figures: dict[str, object] = {
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "platform": args.platform,
        "folder_mb": info.folder_size(info.bundle_dir()) / 1e6,
    }
    archives = sorted(info.DIST.glob(info.archive_stem() + ".*"))
    archives = [a for a in archives if not a.name.endswith(".part")]
    figures["archives_mb"] = {a.name: a.stat().st_size / 1e6 for a in archives}

    programs = {"bundle": [str(exe)], "installed": installed_command()}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, cmd in programs.items():  # alternate, so that load changes hit both alike
            runs[name].append(launch(cmd, args.platform))

    print(
        f"folder   {info.bundle_dir()}: {figures['folder_mb']:.0f} MB (target <= {info.TARGET_FOLDER_MB} MB)"
    )
    if not archives:
        print("archive  none in dist/ (python packaging/build.py makes one)")
    for name, size in figures["archives_mb"].items():  # type: ignore[union-attr]
        print(f"archive  {name}: {size:.0f} MB (target <= {info.TARGET_ARCHIVE_MB} MB)")
    print(
        f"startup  ({args.runs} launches each, alternating; Qt platform {args.platform};"
        f" {os.cpu_count()} CPUs)"
    )
    print(
        f"  {'':<10} {'first: window':>14} {'model':>7}   {'median: window':>15} {'model':>7}"
        f" {'max window':>11}"
    )
    for name, cmd in programs.items():
        first, rest = runs[name][0], runs[name][1:] or runs[name]
        window = statistics.median(r["window_s"] for r in rest)
        model = statistics.median(r["model_s"] for r in rest)
        figures[name] = {
            "command": cmd,
            "first_window_s": first["window_s"],
            "first_model_s": first["model_s"],
            "median_window_s": window,
            "median_model_s": model,
            "max_window_s": max(r["window_s"] for r in rest),
            "runs": runs[name],
        }
        print(
            f"  {name:<10} {first['window_s']:>12.2f} s {first['model_s']:>5.2f} s   "
            f"{window:>13.2f} s {model:>5.2f} s {max(r['window_s'] for r in rest):>9.2f} s"
        )
    bundle_ok = figures["bundle"]["median_window_s"] <= info.TARGET_LAUNCH_S  # type: ignore[index]
    print(
        f"target: bundle launch to window <= {info.TARGET_LAUNCH_S:.0f} s: {'met' if bundle_ok else 'MISSED'}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
