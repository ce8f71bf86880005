"""Whatever spelling a platform sends, a province comes out as its one full official name."""

from __future__ import annotations

import pytest

from orderdesk.domain.provinces import normalise_province

# Written out here on purpose, not imported: a typo in the module's table must fail this test.
THE_34 = [
    ("北京市", "北京"), ("天津市", "天津"), ("河北省", "河北"), ("山西省", "山西"),
    ("内蒙古自治区", "内蒙古"), ("辽宁省", "辽宁"), ("吉林省", "吉林"), ("黑龙江省", "黑龙江"),
    ("上海市", "上海"), ("江苏省", "江苏"), ("浙江省", "浙江"), ("安徽省", "安徽"),
    ("福建省", "福建"), ("江西省", "江西"), ("山东省", "山东"), ("河南省", "河南"),
    ("湖北省", "湖北"), ("湖南省", "湖南"), ("广东省", "广东"), ("广西壮族自治区", "广西"),
    ("海南省", "海南"), ("重庆市", "重庆"), ("四川省", "四川"), ("贵州省", "贵州"),
    ("云南省", "云南"), ("西藏自治区", "西藏"), ("陕西省", "陕西"), ("甘肃省", "甘肃"),
    ("青海省", "青海"), ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"), ("台湾省", "台湾"),
    ("香港特别行政区", "香港"), ("澳门特别行政区", "澳门"),
]  # fmt: skip


def test_the_list_has_34_distinct_divisions():
    assert len({full for full, _ in THE_34}) == len({short for _, short in THE_34}) == 34


@pytest.mark.parametrize(("full", "short"), THE_34)
def test_full_and_short_names_map_to_the_full_name(full, short):
    assert normalise_province(full) == full
    assert normalise_province(short) == full


@pytest.mark.parametrize(
    ("address", "province"),
    [
        ("广西壮族自治区南宁市", "广西壮族自治区"),
        ("上海 上海市 浦东新区", "上海市"),
        ("黑龙江哈尔滨", "黑龙江省"),
        ("内蒙古呼和浩特市", "内蒙古自治区"),
        (" 江苏省 南京市 ", "江苏省"),
    ],
)
def test_whole_addresses_resolve_to_their_province(address, province):
    assert normalise_province(address) == province


def test_shanxi_and_shaanxi_stay_distinct():
    assert normalise_province("山西太原") == "山西省"
    assert normalise_province("陕西西安") == "陕西省"
    assert normalise_province("Shanxi") == "山西省"
    assert normalise_province("Shaanxi") == "陕西省"


def test_jilin_city_is_in_jilin_province():
    assert normalise_province("吉林市") == "吉林省"


def test_hainan_prefecture_is_in_qinghai_not_hainan():
    assert normalise_province("海南藏族自治州") == "青海省"
    assert normalise_province("海南藏族自治州共和县") == "青海省"
    assert normalise_province("海南海口市") == "海南省"


@pytest.mark.parametrize("raw", ["火星", "", None, "   "])
def test_unknown_text_is_none(raw):
    assert normalise_province(raw) is None


def test_english_pinyin_names_resolve():
    assert normalise_province("Jiangsu") == "江苏省"
    assert normalise_province("jiangsu province") == "江苏省"
