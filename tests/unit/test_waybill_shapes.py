"""Waybill numbers against their courier's number shape (the shared reference, §5.5): today's and
older shapes fit; another courier's number or a typo does not, and the message says the shape."""

from __future__ import annotations

import pytest

from orderdesk.domain.couriers import WaybillShapeError, check_waybill, find_courier, guess_couriers


@pytest.mark.parametrize("code, number", [
    ("ZTO", "73120000000000"), ("ZTO", "7812 3456 7890 12"), ("YTO", "yt1234567890123"), ("STO", "773000000000001"),
    ("YD", "431000000000001"), ("YD", "5123456789012"), ("SF", "SF1234567890123"), ("SF", "123456789012"),
    ("JTSD", "JT1234567890123"), ("EMS", "9812345678901"), ("EMS", "PA12345678901"), ("JD", "JDVA12345678901"),
])  # fmt: skip
def test_numbers_of_the_courier_fit_and_come_back_clean(code: str, number: str) -> None:
    assert check_waybill(code, number) == number.replace(" ", "").upper()


@pytest.mark.parametrize("code, number", [
    ("ZTO", "YT1234567890123"), ("ZTO", "7312000000000"), ("YTO", "73120000000000"), ("SF", "SF12345"),
    ("JD", "JD1234"), ("JTSD", "73120000000000"),
])  # fmt: skip
def test_a_number_of_another_shape_is_refused_with_the_shape_expected(code: str, number: str) -> None:
    with pytest.raises(WaybillShapeError) as refused:
        check_waybill(code, number)
    c = find_courier(code)
    assert c.zh in refused.value.reason("zh") and c.shape_zh in refused.value.reason("zh")
    assert number in refused.value.reason("en") and c.shape_en in refused.value.reason("en")


def test_couriers_are_found_by_code_or_name_and_older_shapes_never_guess() -> None:
    assert [find_courier(t).code for t in ("zto", "中通快递", "中通", "ZTO Express", "顺丰速运", "极兔")] == \
        ["ZTO", "ZTO", "ZTO", "ZTO", "SF", "JTSD"]  # fmt: skip
    assert guess_couriers("123456789012") == []  # 12 digits fit SF's older shape, but guess nothing
    assert [c.code for c in guess_couriers("431000000000001", preferred="YD")][:1] == ["YD"]
