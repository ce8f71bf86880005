"""The condition language of allocation and gift rules, as operations staff write it (in Chinese, on
a Chinese IME): what compiles, what it means, and where the error is when it does not compile."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderdesk.domain.errors import DomainError
from orderdesk.domain.provinces import FULL_NAMES
from orderdesk.domain.rules import expression
from orderdesk.domain.rules.expression import (
    FUNCTIONS,
    HIGHLIGHT_KINDS,
    Condition,
    RuleSyntaxError,
    check_condition,
    compile_condition,
    function_help,
    highlight_spans,
)
from orderdesk.domain.rules.fields import FIELDS, REGION_OF_PROVINCE, REGIONS, field_help, region_of

# The seed's rules, exactly as operations wrote them.
EAST = '收货省 in ["江苏省", "浙江省", "上海市"] and 商品类目 != "折叠盆"'
BASINS = '商品类目 == "折叠盆"'
NORTH = '区域 == "华北"'
NORTH_BY_PROVINCE = '收货省 in ["北京", "天津", "河北"]'


def ctx(**values: object) -> dict[str, object]:
    """An order line's context as the planner builds it: order fields plus the line's fields."""
    base: dict[str, object] = {
        "province": "江苏省", "city": "苏州市", "district": "吴中区", "region": "华东", "channel": "taobao",
        "shop": "tmall-flagship", "category": "收纳", "sku": "STOR-BOX-L-WHT", "product": "加厚收纳箱 大号",
        "quantity": 1, "total": 45.9, "buyer_note": "", "weight": 1.8, "items": 1, "tags": [],
    }  # fmt: skip
    base.update(values)
    if "province" in values and "region" not in values:
        base["region"] = region_of(str(values["province"]))
    return base


def error_of(text: str) -> RuleSyntaxError:
    with pytest.raises(RuleSyntaxError) as info:
        compile_condition(text)
    return info.value


def marked(text: str) -> str:
    """The characters an error points at."""
    e = error_of(text)
    return text[e.position : e.position + e.length]


# --- the seed rules -------------------------------------------------------------------------------


def test_east_china_rule_sends_everything_but_basins_from_jiangsu_zhejiang_shanghai():
    rule = compile_condition(EAST)
    assert rule.fields == {"province", "category"}
    assert rule.line_level
    assert rule.evaluate(ctx(province="江苏省", category="收纳"))
    assert rule.evaluate(ctx(province="上海市", category="浴室用品"))
    assert not rule.evaluate(ctx(province="浙江省", category="折叠盆"))
    assert not rule.evaluate(ctx(province="广东省", category="收纳"))
    assert not rule.evaluate({})


def test_basin_rule_matches_the_category():
    rule = compile_condition(BASINS)
    assert rule.evaluate(ctx(category="折叠盆"))
    assert not rule.evaluate(ctx(category="收纳"))
    assert not rule.evaluate({})


@pytest.mark.parametrize("text", [NORTH, NORTH_BY_PROVINCE])
def test_northern_china_rules(text):
    rule = compile_condition(text)
    for province in ("北京市", "天津市", "河北省"):
        assert rule.evaluate(ctx(province=province)), province
    for province in ("江苏省", "广东省", "辽宁省"):
        assert not rule.evaluate(ctx(province=province)), province
    if text == NORTH:
        assert rule.evaluate(ctx(province="山西省")) and rule.evaluate(ctx(province="内蒙古自治区"))


def test_region_is_derived_from_the_province_when_the_context_has_none():
    rule = compile_condition(NORTH)
    assert rule.fields == {"region"}
    assert rule.evaluate({"province": "北京市"})
    assert rule.evaluate({"province": "河北", "region": ""})
    assert not rule.evaluate({"province": "江苏省"})
    assert not rule.evaluate({})


def test_the_region_table_places_every_province_once():
    assert set(REGION_OF_PROVINCE) == FULL_NAMES
    assert set(REGION_OF_PROVINCE.values()) == set(REGIONS)
    assert region_of("香港特别行政区") == region_of("台湾") == "华南"
    assert region_of("内蒙古") == "华北" and region_of("黑龙江省") == "东北" and region_of(None) == ""


# --- literals are normalised ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "province", "expected"),
    [
        ('收货省 == "江苏"', "江苏省", True),
        ('收货省 == "上海"', "上海市", True),
        ('收货省 == "上海市"', "上海市", True),
        ('收货省 == "广西"', "广西壮族自治区", True),
        ('收货省 == "广西省"', "广西壮族自治区", True),
        ('收货省 != "江苏"', "江苏省", False),
        ('收货省 in ["江苏", "浙江"]', "浙江省", True),
        ('收货省 not in ("江苏", "浙江")', "浙江省", False),
        ('"上海" == 收货省', "上海市", True),
        ('province in ["Jiangsu", "shanghai"]', "江苏省", True),
        ('Province == "Shaanxi"', "山西省", False),
        ('PROVINCE == "Shaanxi"', "陕西省", True),
    ],
)
def test_province_literals_normalise_short_and_english_names(text, province, expected):
    assert compile_condition(text).evaluate({"province": province}) is expected


def test_province_values_in_the_context_are_normalised_too():
    rule = compile_condition('收货省 == "江苏"')
    assert rule.evaluate({"province": "江苏"})
    assert rule.evaluate({"province": "江苏省南京市"})


def test_an_unknown_province_literal_is_an_error_at_the_literal():
    text = '收货省 in ["江苏", "江浙"]'
    e = error_of(text)
    assert text[e.position : e.position + e.length] == '"江浙"'
    assert "江浙" in e.zh


def test_two_provinces_without_a_comma_are_not_read_as_one():
    # Python would join "江苏" "浙江" into "江苏浙江", which normalise_province reads as 江苏省.
    assert marked('收货省 in ["江苏" "浙江"]') == '"浙江"'
    assert marked('收货省 == "江苏浙江"') == '"江苏浙江"'
    assert "江苏省" in error_of('收货省 == "江苏浙江"').zh


@pytest.mark.parametrize(
    ("text", "channel", "expected"),
    [
        ('渠道 == "淘宝"', "taobao", True),
        ('渠道 == "天猫"', "taobao", True),
        ('渠道 == "淘宝/天猫"', "taobao", True),
        ('渠道 in ["拼多多", "抖音小店"]', "douyin", True),
        ('渠道 == "小程序"', "miniprogram", True),
        ('渠道 == "pdd"', "pdd", True),
        ('channel != "抖音"', "douyin", False),
    ],
)
def test_channel_labels_normalise_to_codes(text, channel, expected):
    assert compile_condition(text).evaluate({"channel": channel}) is expected


def test_unknown_channel_and_region_literals_are_errors():
    assert marked('渠道 == "京东"') == '"京东"'
    assert marked('区域 in ["华北", "华西"]') == '"华西"'
    assert compile_condition('区域 == "华北地区"').evaluate({"province": "天津市"})


def test_shop_names_become_codes_when_a_catalogue_is_given():
    shops = {"家居好物旗舰店": "tmall-flagship", "tmall-flagship": "tmall-flagship", "pdd-main": "pdd-main"}
    rule = compile_condition('店铺 == "家居好物旗舰店"', shops=shops)
    assert rule.evaluate({"shop": "tmall-flagship"})
    with pytest.raises(RuleSyntaxError):
        compile_condition('店铺 == "家居好物小店"', shops=shops)
    assert compile_condition('店铺 == "pdd-main"').evaluate({"shop": "pdd-main"})


# --- what a Chinese IME types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "收货省 in [“江苏”，“浙江”] and 商品类目 != ‘折叠盆’",
        "收货省 in 【“江苏”，“浙江”】 且 商品类目 ！＝ “折叠盆”",
        "收货省 在 ［「江苏」、「浙江」］ 且 商品类目 不是 '折叠盆'",
        "收货省在【“江苏”，“浙江”】且商品类目不等于“折叠盆”",
        "（收货省 ＝ “江苏” 或 收货省 = “浙江”） 且 非 商品类目 == “折叠盆”",
        "收货省 IN ['江苏', '浙江'] AND NOT 商品类目 == '折叠盆'",
        "收货省 in [\"江苏\", \"浙江\"] && !(商品类目 == \"折叠盆\")",
    ],
)
def test_full_width_punctuation_and_chinese_keywords(text):
    rule = compile_condition(text)
    assert rule.evaluate(ctx(province="浙江省", category="收纳"))
    assert not rule.evaluate(ctx(province="浙江省", category="折叠盆"))
    assert not rule.evaluate(ctx(province="广东省", category="收纳"))


def test_chinese_comparison_words():
    assert compile_condition('区域是“华北”且数量>1').evaluate(ctx(province="北京市", quantity=2))
    assert compile_condition("订单金额 ≥ 99 且 重量 ≤ 20").evaluate(ctx(total=99, weight=20))
    assert compile_condition("不是 区域 == “华北”").evaluate(ctx(province="江苏省"))
    assert not compile_condition("区域 不是 “华东”").evaluate(ctx(province="江苏省"))
    assert compile_condition("渠道 不在 [“淘宝”]").evaluate(ctx(channel="pdd"))


def test_a_word_that_only_starts_with_a_keyword_is_an_unknown_field_not_a_keyword():
    e = error_of('非标品 == "x"')
    assert (e.position, e.length) == (0, 3) and "非标品" in e.zh


def test_error_positions_count_characters_of_the_original_text():
    text = "收货省 in 【“江苏”，“浙江”】 且 收货城市 ＝＝ “苏州市”"
    e = error_of(text)
    assert text[e.position : e.position + e.length] == "收货城市"
    assert e.zh.startswith(f"第 {e.position + 1} 个字符：")


# --- English aliases, numbers, tags, functions -----------------------------------------------------


def test_english_aliases_are_case_insensitive_and_mix_with_chinese():
    rule = compile_condition('PROVINCE == "江苏" and Category != "折叠盆" and 订单金额 >= 10')
    assert rule.fields == {"province", "category", "total"}
    assert rule.evaluate(ctx())


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("订单金额 >= 99", {"total": 99}, True),
        ("订单金额 >= 99", {"total": 98.99}, False),
        ("订单金额 >= 99", {}, False),
        ("10 <= 订单金额 < 100", {"total": 50}, True),
        ("重量 > 5.5 or 件数 >= 3", {"weight": 1, "items": 3}, True),
        ("数量 in [1, 2]", {"quantity": 2}, True),
        ("订单金额 > -1", {}, True),
        ('"加急" in 标签', {"tags": ["大客户", "加急"]}, True),
        ('"加急" in 标签', {"tags": ["大客户"]}, False),
        ('"加急" in 标签', {}, False),
        ('"加急" not in 标签', {"tags": "大客户，加急"}, False),
        ('"加急" in 买家备注', {"buyer_note": "请加急发货"}, True),
        ('包含(买家备注, "加急")', {"buyer_note": "请加急发货"}, True),
        ('包含(标签, "加急")', {"tags": ("加急",)}, True),
        ('包含任一(买家备注, ["急", "快"])', {"buyer_note": "快点"}, True),
        ('开头是(SKU, "BASIN-")', {"sku": "BASIN-FOLD-32-BLU"}, True),
        ('startswith(sku, ["STOR-", "BATH-"])', {"sku": "BASIN-FOLD-32-BLU"}, False),
        ('结尾是(商品名称, "蓝色")', {"product": "折叠洗脸盆 32cm 蓝色"}, True),
        ("买家备注 and 数量 > 1", {"buyer_note": "", "quantity": 5}, False),
        ("买家备注", {"buyer_note": "x"}, True),
        ("True", {}, True),
        ("假", {}, False),
    ],
)
def test_numbers_tags_functions_and_bare_fields(text, values, expected):
    assert compile_condition(text).evaluate(values) is expected


def test_field_and_function_help_cover_the_table():
    rows = field_help()
    assert [r["name"] for r in rows] == [f.zh for f in FIELDS] and len(rows) == 15
    assert {r["name"] for r in field_help("en")} == {f.key for f in FIELDS}
    assert [r["alias"] for r in function_help()] == [f.key for f in FUNCTIONS]
    assert {f.key for f in FIELDS if f.line_level} == {"category", "sku", "product", "quantity"}


# --- errors, with positions ------------------------------------------------------------------------


def test_unknown_field_names_it_and_suggests_the_close_one():
    text = '收货省 == "江苏" and 收货城市 == "苏州市"'
    e = error_of(text)
    assert (e.position, e.length) == (text.index("收货城市"), 4)
    assert e.zh == "第 17 个字符：不认识的字段「收货城市」，是否想写「收货市」？"
    assert "did you mean '收货市'" in e.en
    assert isinstance(e, DomainError) and e.reason("en") == e.en
    assert "province" in error_of("provnce == 1").en


@pytest.mark.parametrize(
    ("text", "points_at"),
    [
        ('__import__("os")', "__import__"),
        ("收货省.upper()", ".upper"),
        ('收货省.upper() == "江苏省"', ".upper"),
        ("lambda: 1", "lambda: 1"),
        ('收货省[0] == "江"', "[0]"),
        ("1 if 收货省 else 2", "1 if 收货省 else 2"),
        ("订单金额 + 1 > 100", "+"),
        ('[x for x in 标签] == ["加急"]', "[x for x in 标签]"),
        ("{1: 2}", "{1: 2}"),
        ('收货省 is "江苏"', "is"),
        ('open("x")', "open"),
        ('收货省 == "江苏" or "浙江"', '"浙江"'),
        ('收货省 == "江苏"，商品类目 == "折叠盆"', "，"),
        ('收货省 == ["江苏"]', "=="),
        ('收货省 in "江苏"', '"江苏"'),
        ('标签 == "加急"', "=="),
        ('订单金额 >= "99"', '"99"'),
        ("SKU == 101", "101"),
        ('收货省 > "江苏"', ">"),
        ("订单金额 >= 99元", "元"),
        ("收货省 == 江苏", "江苏"),
        ('"a" == "b"', '"a" == "b"'),
        ('收货省 == "江苏" $', "$"),
        ("收货省 == None", "None"),
        ('包含(买家备注)', "包含(买家备注)"),
        ('包含("加急", 买家备注)', '"加急"'),
    ],
)
def test_forbidden_and_wrong_constructs_are_rejected_with_positions(text, points_at):
    e = error_of(text)
    assert text[e.position : e.position + e.length] == points_at, e.zh


@pytest.mark.parametrize(
    ("text", "position", "length"),
    [
        ('收货省 in ["江苏", "浙江"', 7, 1),  # the bracket never closed
        ('收货省 in ["江苏", "浙江"))', 18, 1),  # ) does not match [
        ('收货省 == "江苏")', 11, 1),  # a ) too many
        ('收货省 == "江苏', 7, 3),  # no closing quote
        ('收货省 == == "江苏"', 7, 2),
        ('收货省 == "江苏" 且', 13, 0),  # incomplete at the end
        ("", 0, 0),
    ],
)
def test_syntax_errors_have_positions(text, position, length):
    e = error_of(text)
    assert (e.position, e.length) == (position, length), e.zh


def test_overlong_and_deeply_nested_conditions_are_refused():
    long_text = " or ".join(['收货省 == "江苏"'] * 200)
    assert error_of(long_text).position == expression.MAX_LENGTH
    assert "嵌套" in error_of("(" * 40 + "True" + ")" * 40).zh
    assert error_of("not " * 300 + "True").zh  # too deep for the checker, still a RuleSyntaxError


def test_check_condition_returns_the_error_or_none():
    assert check_condition(EAST) is None
    assert isinstance(check_condition("收货城市 == 1"), RuleSyntaxError)


# --- evaluation and memoisation -------------------------------------------------------------------


def test_missing_values_count_as_empty_or_zero():
    assert compile_condition('买家备注 == ""').evaluate({})
    assert compile_condition("订单金额 == 0").evaluate({"total": None})
    assert compile_condition('收货省 == ""').evaluate({"province": "火星"})
    assert not compile_condition('"加急" in 标签').evaluate({"tags": None})


def test_memoised_results_equal_fresh_evaluation_and_are_faster():
    rule = compile_condition(EAST)
    provinces = sorted(FULL_NAMES)[:20]
    categories = ["折叠盆", "收纳", "浴室用品", "厨房"] + [f"类目{i}" for i in range(16)]
    contexts = [ctx(province=p, category=c) for p in provinces for c in categories]
    assert len(contexts) == 400
    fresh = [rule._compute((c["category"], c["province"])) for c in contexts]
    assert [rule.evaluate(c) for c in contexts] == fresh
    assert [rule.evaluate(c) for c in contexts] == fresh  # now from the cache

    calls = 100_000
    workload = [contexts[i % 400] for i in range(calls)]
    started = time.perf_counter()
    for c in workload[:5000]:
        rule._compute((c["category"], c["province"]))
    uncached = 5000 / (time.perf_counter() - started)
    evaluate = rule.evaluate
    started = time.perf_counter()
    for c in workload:
        evaluate(c)
    cached = calls / (time.perf_counter() - started)
    print(f"\nrule evaluation: {cached:,.0f} calls/s memoised, {uncached:,.0f} calls/s without the cache")


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(expression, "CACHE_SIZE", 10)
    rule = compile_condition("订单金额 >= 50")
    results = [rule.evaluate({"total": t}) for t in range(100)]
    assert results == [t >= 50 for t in range(100)]
    assert len(rule._cache) <= 10


def test_unhashable_context_values_still_evaluate():
    rule = compile_condition('收货省 == "江苏" and "加急" in 标签')
    assert rule.evaluate({"province": "江苏省", "tags": ["加急"]})
    assert rule.evaluate({"province": "江苏省", "tags": {"加急"}})
    assert not compile_condition('收货市 == "x"').evaluate({"city": ["x"]})


def test_matching_lines_evaluates_line_fields_per_line():
    rule = compile_condition(BASINS)
    order = {"province": "江苏省"}
    assert rule.matching_lines(order, [{"category": "收纳"}, {"category": "折叠盆"}]) == [False, True]
    assert compile_condition(NORTH).matching_lines(order, [{}, {}]) == [False, False]


# --- highlighting ---------------------------------------------------------------------------------


def test_highlight_spans_of_a_valid_condition():
    text = '区域是“华北”且数量>1 and 包含(买家备注, "加急")'
    kinds = {text[s : s + n]: k for s, n, k in highlight_spans(text)}
    assert kinds["区域"] == kinds["数量"] == kinds["买家备注"] == "field"
    assert kinds["“华北”"] == kinds['"加急"'] == "string"
    assert kinds["1"] == "number"
    assert kinds["是"] == kinds[">"] == "operator"
    assert kinds["且"] == kinds["and"] == kinds["包含"] == "keyword"


@pytest.mark.parametrize(
    "text",
    ['收货省 in ["江苏', "收货城市 == ", "((((", "】】", "$$$ 且 或 非", '"', "“江苏", "收货省 . upper(", "\x00\ud800",
     "1 if x else 2", "非标品", ""],
)
def test_highlight_spans_never_raise_on_invalid_input(text):
    spans = highlight_spans(text)
    assert all(k in HIGHLIGHT_KINDS and 0 <= s <= len(text) and s + n <= len(text) for s, n, k in spans)
    if text.strip() and text != "收货城市 == ":
        assert any(k == "error" for _, _, k in spans) or text in ("1 if x else 2",)


# --- property: the grammar, mutated ---------------------------------------------------------------

FIELD_NAMES = [f.zh for f in FIELDS] + [f.key for f in FIELDS] + [f.key.upper() for f in FIELDS] + ["收货城市", "x"]
LITERALS = ['"江苏"', "“上海”", '"华北"', '"淘宝"', '"抖音小店"', '"折叠盆"', '"加急"', '""', "'Jiangsu'", '"火星"',
            "99", "0", "-1", "3.5", "True", "假", "None"]  # fmt: skip
OPS = ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "＝", "≥", "是", "不是", "在", "不在", "is"]

atoms = st.one_of(
    st.sampled_from(FIELD_NAMES),
    st.sampled_from(LITERALS),
    st.lists(st.sampled_from(LITERALS), max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(st.sampled_from(LITERALS), max_size=3).map(lambda xs: "【" + "，".join(xs) + "】"),
)
comparisons = st.one_of(
    st.tuples(atoms, st.sampled_from(OPS), atoms).map(" ".join),
    st.tuples(st.sampled_from([f.zh for f in FUNCTIONS] + ["open", "len"]), atoms, atoms).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})"
    ),
    st.sampled_from(FIELD_NAMES),
)
conditions = st.recursive(
    comparisons,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from([" and ", " or ", "且", " 或 ", "，"]), inner).map("".join),
        inner.map(lambda s: f"not ({s})"),
        inner.map(lambda s: f"（{s}）"),
        inner.map(lambda s: f"非{s}"),
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(conditions)
    if text and draw(st.booleans()):
        i = draw(st.integers(0, len(text) - 1))
        junk = draw(st.sampled_from(["", "(", ")", "]", '"', "“", ".", "[0]", " + 1", "x", "且", ",", "$", "\\"]))
        text = text[:i] + junk + text[i + draw(st.integers(0, 2)) :]
    return text


field_values = st.fixed_dictionaries(
    {},
    optional={
        "province": st.sampled_from(["江苏省", "北京市", "上海", "", "火星"]) | st.none(),
        "city": st.text(max_size=3),
        "region": st.sampled_from(["", "华北", "华东", "南方"]),
        "channel": st.sampled_from(["taobao", "pdd", "淘宝", "", "jd"]),
        "category": st.sampled_from(["折叠盆", "收纳", ""]),
        "sku": st.text(max_size=5),
        "product": st.text(max_size=5),
        "buyer_note": st.text(max_size=5) | st.none(),
        "quantity": st.integers(-5, 5),
        "total": st.floats(allow_nan=True) | st.integers() | st.none(),
        "weight": st.floats(0, 100),
        "items": st.integers(0, 10),
        "tags": st.lists(st.sampled_from(["加急", "大客户", ""]), max_size=3) | st.none(),
    },
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated(), contexts=st.lists(field_values, min_size=1, max_size=3))
def test_random_conditions_compile_or_raise_rule_syntax_error_and_evaluate_to_bool(text, contexts):
    try:
        rule = compile_condition(text)
    except RuleSyntaxError as e:
        assert 0 <= e.position <= len(text) and e.position + e.length <= len(text)
        assert e.zh and e.en
    else:
        assert isinstance(rule, Condition)
        for c in contexts:
            assert type(rule.evaluate(c)) is bool
    for start, length, kind in highlight_spans(text):
        assert kind in HIGHLIGHT_KINDS and start + length <= len(text)


@settings(max_examples=400, deadline=None)
@given(text=st.text(max_size=60))
def test_arbitrary_text_only_ever_raises_rule_syntax_error(text):
    try:
        compile_condition(text)
    except RuleSyntaxError as e:
        assert 0 <= e.position <= len(text)
    highlight_spans(text)
