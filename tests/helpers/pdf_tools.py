"""Read a PDF back as a person and a scanner would: its text (pdftotext) and its barcodes (zbarimg
on a page rendered by pdftoppm). Tests skip loudly when poppler-utils or zbar-tools are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def need(*tools: str) -> None:
    gone = [t for t in tools if shutil.which(t) is None]
    if gone:
        msg = f"MISSING {', '.join(gone)}: apt-get install poppler-utils zbar-tools (bootstrap.sh --test)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


def _as_file(pdf: bytes | Path, tmp: Path) -> Path:
    if isinstance(pdf, Path):
        return pdf
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    return path


def pdf_text(pdf: bytes | Path) -> str:
    need("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(pdf, Path(tmp))
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip


def pdf_pages(pdf: bytes | Path) -> list[tuple[float, float]]:
    """Page sizes in points, as pdfinfo reports them."""
    need("pdfinfo")
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(pdf, Path(tmp))
        out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and "size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return sizes


def barcodes(pdf: bytes | Path, page: int = 1, dpi: int = 200) -> list[str]:
    """Every barcode zbarimg finds on one page, as 'CODE-128:VALUE' strings."""
    need("pdftoppm", "zbarimg")
    with tempfile.TemporaryDirectory() as tmp:
        path = _as_file(pdf, Path(tmp))
        png = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(path), str(png)], check=True, capture_output=True)  # fmt: skip
        p = subprocess.run(["zbarimg", "-q", str(png) + ".png"], capture_output=True, text=True)
    return [line.strip() for line in p.stdout.splitlines() if line.strip()]


def code128(pdf: bytes | Path, page: int = 1, dpi: int = 200) -> set[str]:
    return {b.split(":", 1)[1] for b in barcodes(pdf, page, dpi) if b.startswith("CODE-128:")}
