"""Platform icons from the app's SVG: PNGs for the Linux desktop entry, .ico (Windows), .icns (macOS).

    python packaging/icons.py [--out build/icons]

Qt renders the SVG (the same renderer the app uses for its window icon); Pillow writes .ico and .icns.
The outputs are build products (in `build/icons/`); the spec calls `ensure_icons()`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_info import ICON_BUILD, ICON_SIZES, ICON_SVG  # noqa: E402

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows' .ico stops at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def png_path(out: Path, size: int) -> Path:
    return out / f"lenet-digits-{size}.png"


def render(svg: Path, out: Path) -> None:
    """Render the PNG sizes (needs PySide6; runs offscreen) and derive .ico / .icns from them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["icons"])  # noqa: F841 - Qt needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(out, size)), "PNG"):
            raise SystemExit(f"could not write {png_path(out, size)}")
    largest = Image.open(png_path(out, max(ICON_SIZES))).convert("RGBA")
    largest.save(out / "lenet-digits.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(out / "lenet-digits.icns", sizes=[(s, s) for s in ICNS_SIZES])


def ensure_icons(out: Path = ICON_BUILD, svg: Path = ICON_SVG) -> Path:
    """Render the icons unless they are there and newer than the SVG; returns the folder."""
    wanted = [png_path(out, s) for s in ICON_SIZES] + [out / "lenet-digits.ico", out / "lenet-digits.icns"]
    if all(p.exists() and p.stat().st_mtime >= svg.stat().st_mtime for p in wanted):
        return out
    # A separate process: keeps Qt out of PyInstaller's own process.
    subprocess.run([sys.executable, __file__, "--out", str(out), "--svg", str(svg)], check=True)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICON_BUILD)
    parser.add_argument("--svg", type=Path, default=ICON_SVG)
    args = parser.parse_args()
    render(args.svg, args.out)
    print(f"icons written to {args.out}")
