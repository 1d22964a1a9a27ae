"""Start-up of LeNet Digits' commands, measured as whole processes (median of several runs).

    python benchmarks/bench_startup.py [--runs 7]

1. `--version` and `--help` of every command: from starting the process to its exit.
2. `lenet-digits` itself (`--measure-startup`, app/startup_probe.py): from starting the process to
   its window on screen (drawable: torch is still loading in the worker), to the model ready (torch
   loaded), and to the first answer for a digit drawn as soon as the window showed.

Targets (2-core CPU): `--version`/`--help` <= 0.3 s; launch to a drawable window <= 1.5 s; the first
answer <= 0.5 s after the model is ready. Offscreen unless a DISPLAY is set; a fresh data folder and
settings file per run.
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

MARKER = "LENET_DIGITS_STARTUP "
COMMANDS = ("lenet-digits", "lenet-predict", "lenet-train", "lenet-export")
MODULES = {"lenet-digits": "app.main", "lenet-predict": "lenet_core.cli.predict",
           "lenet-train": "lenet_core.cli.train", "lenet-export": "lenet_core.cli.export"}


def command(name: str) -> list[str]:
    """The installed script beside this Python (what a user runs), else `python -m` its module."""
    script = Path(sys.executable).parent / name
    return [str(script)] if script.exists() else [sys.executable, "-m", MODULES[name]]


def environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, LENET_DIGITS_DATA_DIR=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def launch(env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    result = subprocess.run([*command("lenet-digits"), "--measure-startup"], capture_output=True, text=True,
                            env=env, timeout=180, check=False)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith(MARKER)), None)
    if line is None:
        sys.exit(f"no start-up record: {result.stderr[-2000:]}")
    record = json.loads(line[len(MARKER):])
    return {
        "window": record["window_shown_epoch"] - start,
        "model": record["model_ready_epoch"] - start,
        "answer_after_model": record["first_prediction_epoch"] - record["model_ready_epoch"],
        "answer_after_window": record["first_prediction_epoch"] - record["window_shown_epoch"],
        "torch_before_window": float(record["torch_loaded_at_window"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"LeNet Digits start-up, median of {args.runs} runs; {os.cpu_count()} CPU cores, "
          f"load {os.getloadavg()[0]:.2f}, Qt platform {'xcb' if os.environ.get('DISPLAY') else 'offscreen'}")
    tmp = Path(tempfile.mkdtemp(prefix="lenet-startup-"))
    try:
        for name in COMMANDS:
            for flag in ("--version", "--help"):
                if name != "lenet-digits" and flag == "--version":
                    continue  # only the app has one
                times = [wall([*command(name), flag], environment(tmp)) for _ in range(args.runs)]
                median = statistics.median(times)
                target = "meets" if median <= 0.3 else "MISSES"
                print(f"{name + ' ' + flag:<26} median {median:6.3f} s   (min {min(times):.3f}, "
                      f"max {max(times):.3f})   target <= 0.3 s: {target}")
        runs = []
        for i in range(args.runs):
            run_dir = tmp / f"run{i}"
            runs.append(launch(environment(run_dir)))
        window = statistics.median(r["window"] for r in runs)
        after_model = statistics.median(r["answer_after_model"] for r in runs)
        early = sum(r["torch_before_window"] for r in runs)
        print(f"{'launch -> drawable window':<26} median {window:6.3f} s   target <= 1.5 s: "
              f"{'meets' if window <= 1.5 else 'MISSES'}   (torch before window: {early:.0f})")
        print(f"{'launch -> model ready':<26} median {statistics.median(r['model'] for r in runs):6.3f} s")
        print(f"{'model ready -> 1st answer':<26} median {after_model:6.3f} s   target <= 0.5 s: "
              f"{'meets' if after_model <= 0.5 else 'MISSES'}")
        print(f"{'window -> 1st answer':<26} median "
              f"{statistics.median(r['answer_after_window'] for r in runs):6.3f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
