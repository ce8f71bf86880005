"""Shipping labels, packing slips and pick lists as PDF (and ZPL/TSPL): pure, no Qt, no SQL.

The caller fills plain dataclasses (see model.py) and gets bytes or text back; a LabelError (a
DomainError, zh + en) says what cannot be printed and why, and then nothing was produced.
"""

from .errors import (BarcodeTooLong, BarcodeValueInvalid, InvalidDocumentData, LabelError,
                     LabelFontMissing, TextDoesNotFit)  # fmt: skip
from .model import (CHANNEL_SHOP, GIFT_LINES, ITEMS, OPTIONAL_FIELDS, ORDER_BARCODE, PRINTED_AT, SENDER,
                    LabelSize, LabelTemplate, PackingSlipData, PickLine, PickListData, ShippingLabelData,
                    SlipLine)  # fmt: skip
from .pdf import render_packing_slips, render_pick_list, render_shipping_label, render_shipping_labels
from .shipping import plan_shipping_label
from .thermal import to_tspl, to_zpl

__all__ = [
    "BarcodeTooLong", "BarcodeValueInvalid", "CHANNEL_SHOP", "GIFT_LINES", "ITEMS", "InvalidDocumentData",
    "LabelError", "LabelFontMissing", "LabelSize", "LabelTemplate", "OPTIONAL_FIELDS", "ORDER_BARCODE",
    "PRINTED_AT", "PackingSlipData", "PickLine", "PickListData", "SENDER", "ShippingLabelData", "SlipLine",
    "TextDoesNotFit", "plan_shipping_label", "render_packing_slips", "render_pick_list",
    "render_shipping_label", "render_shipping_labels", "to_tspl", "to_zpl",
]  # fmt: skip
