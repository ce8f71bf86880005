"""Shipping labels as the courier and the scanner see them: every size renders one page of the
right size, the text is there (Chinese too), and the barcodes decode back to the numbers."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from orderdesk.labels import (CHANNEL_SHOP, ORDER_BARCODE, OPTIONAL_FIELDS, SENDER, LabelError, LabelSize,
                              LabelTemplate, render_shipping_label, render_shipping_labels)  # fmt: skip
from orderdesk.labels.samples import sample_shipping_label
from tests.helpers.pdf_tools import code128, pdf_pages, pdf_text


def _label(i: int = 0, **kw: object):
    kw.setdefault("receiver_name", "王小明")
    return sample_shipping_label(i, **kw)


@pytest.mark.parametrize("size", list(LabelSize))
def test_each_size_renders_one_page_of_that_size(size: LabelSize) -> None:
    pdf = render_shipping_label(_label(), LabelTemplate(size))
    [(w, h)] = pdf_pages(pdf)
    assert (round(w / mm), round(h / mm)) == (size.width_mm, size.height_mm)


@pytest.mark.parametrize("size", list(LabelSize))
def test_text_holds_waybill_order_and_chinese_receiver(size: LabelSize) -> None:
    d = _label()
    text = pdf_text(render_shipping_label(d, LabelTemplate(size)))
    for wanted in (d.waybill_no, d.order_no, "王小明", d.receiver_phone_masked, "顺丰速运", "江苏省南京市鼓楼区"):
        assert wanted in text


@pytest.mark.parametrize("size", list(LabelSize))
def test_waybill_and_order_barcodes_decode(size: LabelSize) -> None:
    d = _label(5)
    assert code128(render_shipping_label(d, LabelTemplate(size))) == {d.waybill_no, d.order_no}


def test_waybill_bars_are_wide_enough_to_scan_from_afar() -> None:
    from orderdesk.labels.barcode import WAYBILL_MIN_MODULE_MM
    from orderdesk.labels.plan import Barcode
    from orderdesk.labels.shipping import plan_shipping_label

    for size in LabelSize:
        plan = plan_shipping_label(_label(), LabelTemplate(size))
        waybill = next(e for e in plan.elements if isinstance(e, Barcode) and e.value.startswith("SF"))
        assert waybill.module >= WAYBILL_MIN_MODULE_MM
        assert waybill.x - waybill.box_x >= 10 * waybill.module  # quiet zone
        assert waybill.height >= 15


def test_many_labels_one_page_each_in_order() -> None:
    labels = [_label(i) for i in range(4)]
    pdf = render_shipping_labels(labels, LabelTemplate())
    assert len(pdf_pages(pdf)) == 4
    for page, d in enumerate(labels, start=1):
        assert d.waybill_no in code128(pdf, page)


def test_two_part_label_repeats_waybill_on_the_receiver_copy() -> None:
    d = _label()
    text = pdf_text(render_shipping_label(d, LabelTemplate(LabelSize.S100X180)))
    assert text.count(d.waybill_no) == 2
    assert "收件人存根" in text


def test_template_leaves_out_optional_fields() -> None:
    d = _label()
    t = LabelTemplate(fields=frozenset(OPTIONAL_FIELDS) - {SENDER, ORDER_BARCODE, CHANNEL_SHOP})
    pdf = render_shipping_label(d, t)
    text = pdf_text(pdf)
    assert d.sender_phone not in text and "淘宝" not in text
    assert d.order_no in text  # the order number stays, as text
    assert code128(pdf) == {d.waybill_no}


def test_gift_lines_and_route_code_show() -> None:
    text = pdf_text(render_shipping_label(_label(), LabelTemplate()))
    assert "赠品：收纳挂钩" in text and "025 B-12" in text


def test_long_item_list_says_how_many_more_instead_of_cutting() -> None:
    items = tuple(f"可折叠洗脸盆 款式{i} ×1" for i in range(40))
    text = pdf_text(render_shipping_label(_label(item_lines=items), LabelTemplate()))
    assert "另有" in text and "见装箱单" in text


def test_empty_batch_is_refused() -> None:
    with pytest.raises(LabelError) as e:
        render_shipping_labels([], LabelTemplate())
    assert "没有" in e.value.zh


def test_template_round_trips_through_settings() -> None:
    t = LabelTemplate(LabelSize.S76X130, frozenset({SENDER}))
    assert LabelTemplate.from_setting(t.to_setting()) == t
    assert LabelSize.parse("100×180mm") is LabelSize.S100X180


@pytest.mark.parametrize("bad", [{"size": "A4"}, {"size": "100x150", "fields": ["sender", "qr"]}])
def test_bad_template_settings_are_refused_clearly(bad: dict) -> None:
    with pytest.raises(LabelError) as e:
        LabelTemplate.from_setting(bad)
    assert e.value.zh and e.value.en
