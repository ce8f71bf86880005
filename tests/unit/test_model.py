"""Phones are masked for display, and a customer is keyed by what identifies them best."""

from __future__ import annotations

from orderdesk.domain.model import Channel, Receiver, customer_key, mask_phone


def _receiver(phone: str) -> Receiver:
    return Receiver("张伟", phone, "江苏省", "江苏")


def test_mask_phone_hides_the_middle_of_a_mobile_number():
    assert mask_phone("13812345678") == "138****5678"


def test_mask_phone_leaves_an_already_masked_number_unchanged():
    assert mask_phone("138****5678") == "138****5678"


def test_mask_phone_leaves_a_short_number_unchanged():
    assert mask_phone("12345") == "12345"


def test_customer_key_prefers_a_clear_phone():
    assert customer_key(Channel.TAOBAO, "tb-buyer-9", _receiver("13812345678")) == "phone:13812345678"


def test_customer_key_falls_back_to_buyer_id_when_phone_is_masked():
    key = customer_key(Channel.PDD, "pdd-buyer-9", _receiver("138****5678"))
    assert key == "buyer:pdd:pdd-buyer-9"


def test_same_phone_on_two_channels_is_one_customer():
    a = customer_key(Channel.TAOBAO, "tb-1", _receiver("13812345678"))
    b = customer_key(Channel.DOUYIN, "dy-2", _receiver(" 13812345678 "))
    assert a == b
