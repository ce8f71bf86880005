"""Our Code128 encoder: what a scanner reads back is what went in, and the symbol is never longer
than reportlab's (a long-proven encoder) for the same value."""

from __future__ import annotations

import random
import string

import pytest
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from orderdesk.labels import code128
from orderdesk.labels.draw import paint_bars
from tests.helpers.pdf_tools import code128 as decode

TRICKY = ["SF1402300000000", "1", "12", "123", "A", "JDVA12345678901-1-1-", "YT 2024 0001", "a1b22c333d4444",
          "0123456789012345678", "PDD240125-1234567890", "~!@#$%^&*()_+{}|:<>?", "x9y", "007"]  # fmt: skip


def test_known_symbol_values() -> None:
    # start C, 12 34 56, checksum (105 + 1*12 + 2*34 + 3*56) % 103 = 353 % 103 = 44, stop
    assert code128.encode("123456") == (105, 12, 34, 56, 44, 106)
    # start B, "A" = 33, checksum (104 + 33) % 103 = 34
    assert code128.encode("A") == (104, 33, 34, 106)


def test_never_longer_than_reportlab() -> None:
    rnd = random.Random(7)
    alphabets = [string.digits, string.digits + "AB-", "".join(chr(c) for c in range(32, 127))]
    for _ in range(2000):
        value = "".join(rnd.choice(rnd.choice(alphabets)) for _ in range(rnd.randint(1, 24)))
        assert code128.modules(value) <= round(Code128(value, barWidth=1, quiet=0).width)


def test_bars_add_up_to_the_symbol_width() -> None:
    for value in TRICKY:
        bars = code128.bars(value)
        assert bars[-1][0] + bars[-1][1] == code128.modules(value)


def test_scanner_reads_back_every_tricky_value() -> None:
    import io

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for i, value in enumerate(TRICKY):
        paint_bars(c, value, 20 * mm, A4[1] - (20 + i * 20) * mm, 0.4 * mm, 12 * mm)
    c.save()
    assert decode(buf.getvalue(), dpi=300) == set(TRICKY)


@pytest.mark.parametrize("bad", ["", "中", "a\tb", "é"])
def test_only_printable_ascii(bad: str) -> None:
    assert not code128.encodable(bad)
    with pytest.raises(ValueError):
        code128.encode(bad)
