"""Bad input gives a clear reason (Chinese and English) and no PDF: nothing is cut silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.labels import (BarcodeTooLong, BarcodeValueInvalid, LabelFontMissing, LabelSize, LabelTemplate,
                              TextDoesNotFit, render_shipping_label, render_shipping_labels)  # fmt: skip
from orderdesk.labels import fonts
from orderdesk.labels.plan import Text
from orderdesk.labels.samples import sample_shipping_label
from orderdesk.labels.shipping import plan_shipping_label
from orderdesk.labels.textfit import fit, wrap
from tests.helpers.pdf_tools import pdf_text

LONG_DETAIL = "幸福路 88 弄 12 号 3 单元 1502 室（小区南门进，快递柜旁边的第二栋楼，电话联系不上请放门卫）"


def _address_lines(plan) -> list[Text]:  # noqa: ANN001
    """The receiver address lines: text right of the 收 tag, below the name line."""
    texts = [e for e in plan.elements if isinstance(e, Text)]
    name = next(t for t in texts if "138****" in t.text)
    return [t for t in texts if t.x == name.x and name.baseline < t.baseline < name.baseline + 30]


def test_long_address_wraps_and_shrinks_but_keeps_every_character() -> None:
    d = sample_shipping_label(address_detail=LONG_DETAIL)
    short = _address_lines(plan_shipping_label(sample_shipping_label(), LabelTemplate()))
    lines = _address_lines(plan_shipping_label(d, LabelTemplate()))
    assert len(lines) > len(short)
    assert lines[0].size_pt <= short[0].size_pt
    assert "".join(t.text for t in lines).replace(" ", "") == d.receiver_address.replace(" ", "")


def test_long_address_fits_the_narrow_label_too() -> None:
    d = sample_shipping_label(address_detail=LONG_DETAIL)
    text = pdf_text(render_shipping_label(d, LabelTemplate(LabelSize.S76X130)))
    assert "放门卫" in text.replace("\n", "").replace(" ", "")


def test_address_too_long_even_at_the_smallest_size_is_an_error_naming_the_order() -> None:
    d = sample_shipping_label(address_detail=LONG_DETAIL * 8)
    with pytest.raises(TextDoesNotFit) as e:
        render_shipping_labels([sample_shipping_label(1), d], LabelTemplate())
    assert d.order_no in e.value.zh and d.order_no in e.value.en
    assert "收件人地址太长" in e.value.zh and "too long" in e.value.en


@pytest.mark.parametrize(("waybill", "bad"), [("SF１２３４５６", "１"), ("顺丰1234567", "顺"), ("SF123\n456", "\n")])
def test_waybill_code128_cannot_hold_is_refused(waybill: str, bad: str) -> None:
    with pytest.raises(BarcodeValueInvalid) as e:
        render_shipping_label(sample_shipping_label(waybill_no=waybill), LabelTemplate())
    assert "运单号" in e.value.zh and "Code128" in e.value.zh
    assert repr(bad) in e.value.en


def test_empty_waybill_is_refused() -> None:
    with pytest.raises(BarcodeValueInvalid) as e:
        render_shipping_label(sample_shipping_label(waybill_no=""), LabelTemplate())
    assert "为空" in e.value.zh


def test_waybill_too_long_for_a_scannable_barcode_is_refused() -> None:
    with pytest.raises(BarcodeTooLong) as e:
        d = sample_shipping_label(waybill_no="JDVA" + "X" * 30)
        render_shipping_label(d, LabelTemplate(LabelSize.S76X130))
    assert "更宽的面单" in e.value.zh


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "font_path", lambda: tmp_path / "gone.ttc")
    monkeypatch.setattr(fonts, "_registered", None)
    with pytest.raises(LabelFontMissing) as e:
        render_shipping_label(sample_shipping_label(), LabelTemplate())
    assert "gone.ttc" in e.value.zh and "Reinstall" in e.value.en


def test_wrap_keeps_latin_runs_whole_and_breaks_chinese_anywhere() -> None:
    fonts.ensure_font()
    lines = wrap("收货地址 ABCDEFGH-1203 室", width=90, size=10)
    assert len(lines) > 1
    assert any("ABCDEFGH-1203" in line for line in lines)
    assert "".join(lines).replace(" ", "") == "收货地址ABCDEFGH-1203室"


def test_fit_shrinks_before_giving_up() -> None:
    fonts.ensure_font()
    text = "江苏省南京市鼓楼区中山北路 30 号 2 栋 1203 室"
    fitted = fit(text, width=100, height=40, max_size=14, min_size=6, what=("地址", "address"))
    assert fitted.size < 14 and fitted.height <= 40
    with pytest.raises(TextDoesNotFit):
        fit(text * 5, width=100, height=40, max_size=14, min_size=6, what=("地址", "address"))
