"""ZPL and TSPL programs of the shipping label: structure, exact Code128 fields, bars that fit."""

from __future__ import annotations

import re

import pytest

from orderdesk.labels import BarcodeValueInvalid, LabelSize, LabelTemplate, to_tspl, to_zpl
from orderdesk.labels.barcode import QUIET_MODULES, code128_modules
from orderdesk.labels.samples import sample_shipping_label

_BC = re.compile(r"\^FO(\d+),(\d+)\^BY(\d+),3,(\d+)\^BCN,(\d+),N,N,N,([AN])\^FH_\^FD(.*?)\^FS")
_TSPL_BC = re.compile(r'^BARCODE (\d+),(\d+),"128",(\d+),0,0,(\d+),(\d+),"(.*)"$', re.M)


@pytest.mark.parametrize("size", list(LabelSize))
def test_zpl_program_with_code128_waybill_that_fits(size: LabelSize) -> None:
    d = sample_shipping_label(3)
    zpl = to_zpl(d, LabelTemplate(size))
    assert zpl.startswith("^XA\n^CI28\n^CW1,E:ORDERDESK.TTF\n") and zpl.rstrip().endswith("^XZ")
    width = int(re.search(r"\^PW(\d+)", zpl).group(1))
    assert width == round(size.width_mm / 25.4 * 203)
    codes = {m.group(7): m for m in _BC.finditer(zpl)}
    assert set(codes) == {d.waybill_no, d.order_no}
    x, module = int(codes[d.waybill_no].group(1)), int(codes[d.waybill_no].group(3))
    assert module >= 3  # >= 0.37 mm at 203 dpi
    bars = code128_modules(d.waybill_no) * module
    assert x >= QUIET_MODULES * module and x + bars + QUIET_MODULES * module <= width
    assert "^FD顺丰速运^FS" in zpl and "^PQ1" in zpl


def test_zpl_escapes_its_command_characters() -> None:
    zpl = to_zpl(sample_shipping_label(waybill_no="AB^12~3_4"), LabelTemplate())
    assert "^FDAB_5E12_7E3_5F4^FS" in zpl


def test_zpl_at_300_dpi_keeps_bars_wide_enough() -> None:
    zpl = to_zpl(sample_shipping_label(), LabelTemplate(), dpi=300)
    modules = [int(m.group(3)) for m in _BC.finditer(zpl)]
    assert modules[0] * 25.4 / 300 >= 0.33


def test_tspl_program_with_code128_waybill() -> None:
    d = sample_shipping_label(4)
    tspl = to_tspl(d, LabelTemplate(LabelSize.S76X130), copies=2)
    lines = tspl.splitlines()
    assert lines[:6] == ["SIZE 76 mm,130 mm", "GAP 2 mm,0 mm", "DIRECTION 1,0", "REFERENCE 0,0",
                         "CODEPAGE UTF-8", "CLS"]  # fmt: skip
    assert lines[-1] == "PRINT 1,2"
    codes = {m.group(6): m for m in _TSPL_BC.finditer(tspl)}
    assert set(codes) == {d.waybill_no, d.order_no}
    assert int(codes[d.waybill_no].group(4)) >= 3
    assert any(line.startswith("TEXT ") and '"顺丰速运"' in line for line in lines)


def test_tspl_quotes_double_quotes() -> None:
    tspl = to_tspl(sample_shipping_label(shop_name='一号"店'), LabelTemplate())
    assert '一号\\["]店' in tspl


def test_thermal_output_refuses_bad_waybill_like_the_pdf() -> None:
    with pytest.raises(BarcodeValueInvalid):
        to_zpl(sample_shipping_label(waybill_no="单号123"), LabelTemplate())
    with pytest.raises(BarcodeValueInvalid):
        to_tspl(sample_shipping_label(waybill_no="单号123"), LabelTemplate())
