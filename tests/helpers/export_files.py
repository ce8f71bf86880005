"""Seller-backend export files written as the platforms write them, for the import tests.

Headers are copied from the reference (shared/reference/channels.md §6), not from the importer's
column names, so a wrong name in the importer fails the tests. Rows are dicts by header name; any
column not given is left empty, as in a real export.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from orderdesk.benchmarks.import_bench import PDD_HEADER  # noqa: F401 - the reference header the bench writes
from tests.unit.test_products_file import write_csv, write_xlsx  # noqa: F401 - the product importer's writers

TAOBAO_ORDER_HEADER = (
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,"
    "买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,联系手机,订单创建时间,订单付款时间,"
    "宝贝标题,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,"
    "发票抬头,是否手机订单,分阶段订单信息,特权订金订单id,定金排名,修改后的sku,修改后的收货地址,异常信息,天猫卡券抵扣,"
    "集分宝抵扣,是否是O2O交易"
).split(",")
TAOBAO_ITEM_HEADER = "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码".split(",")
DOUYIN_HEADER = (
    "主订单编号,子订单编号,支付方式,选购商品,货号,商品ID,商家编码,商品数量,商品金额,订单提交时间,支付完成时间,"
    "订单完成时间,承诺发货时间,预约发货时间,买家留言,旗帜颜色,商家备注,APP渠道,订单状态,取消原因,售后状态,订单类型,"
    "发货时间,车型,是否是以旧换新,换新额外补贴,换新额外补贴发放状态,订单应付金额,运费,优惠总金额,平台优惠,商家优惠,"
    "达人优惠,商家改价,支付优惠,手续费,红包抵扣,降价类优惠,平台实际承担优惠金额,商家实际承担优惠金额,达人实际承担优惠金额,"
    "收件人,收件人手机号,省,市,区,街道,详细地址,是否修改过地址,快递信息,序列号,达人ID,达人昵称,拼团订单团编号,"
    "商品单价是否含税,税费,鲁班落地页ID,所属门店ID,流量来源,仓库ID,仓库名称,是否安心购,广告渠道,流量类型,流量体裁,"
    "流量渠道,发货主体,发货主体明细,教育优惠,预计送达时间,是否平台仓自流转,是否是渠道商品,预约送达时间,"
    "建议发货时间（起）,建议发货时间（止）"
).split(",")

PAID = "2026-11-20 10:00:00"


def table(header: Sequence[str], rows: Sequence[dict[str, str]]) -> list[list[str]]:
    unknown = {k for r in rows for k in r} - set(header)
    assert not unknown, f"not in the header: {unknown}"
    return [list(header)] + [[r.get(h, "") for h in header] for r in rows]


def pdd_row(order_id: str, sku: str = "BASIN-FOLD-32-BLU", qty: str = "1", paid: str = "29.90",
            province: str = "浙江省", status: str = "待发货", time: str = PAID, **extra: str) -> dict[str, str]:  # fmt: skip
    return {"订单号": order_id, "商品": "折叠洗脸盆", "订单状态": status, "商品总价(元)": paid, "邮费(元)": "0",
            "用户实付金额(元)": paid, "商品数量(件)": qty, "收货人": "张*", "手机": "138****1234", "省": province,
            "市": "杭州市", "区": "西湖区", "街道": "文三路**号", "支付时间": time, "商家编码-SKU维度": sku,
            "售后状态": "无售后或售后取消"} | extra  # fmt: skip


def douyin_row(order_id: str, line_id: str, sku: str = "BASIN-FOLD-32-BLU", qty: str = "1", amount: str = "29.90",
               province: str = "江苏省", status: str = "备货中", **extra: str) -> dict[str, str]:  # fmt: skip
    return {"主订单编号": order_id, "子订单编号": line_id, "选购商品": "折叠洗脸盆", "商家编码": sku, "商品数量": qty,
            "商品金额": amount, "订单应付金额": amount, "运费": "0", "订单提交时间": "2026-11-20 09:59:00",
            "支付完成时间": PAID, "订单状态": status, "售后状态": "-", "收件人": "李*", "收件人手机号": "139****5678",
            "省": province, "市": "南京市", "区": "玄武区", "街道": "中山路", "详细地址": "1号"} | extra  # fmt: skip


def taobao_order_row(order_id: str, address: str = "浙江省 杭州市 西湖区 文三路100号(310000)",
                     status: str = "买家已付款，等待卖家发货", total: str = "89.70", **extra: str) -> dict[str, str]:  # fmt: skip
    return {"订单编号": order_id, "买家会员名": "tb_buyer", "买家应付货款": total, "买家应付邮费": "0",
            "买家实际支付金额": total, "订单状态": status, "收货人姓名": "王*", "收货地址": address,
            "联系手机": "137****0000", "订单创建时间": "2026-11-20 09:58:00", "订单付款时间": PAID,
            "宝贝标题": "折叠洗脸盆，加厚收纳箱", "宝贝种类": "2", "宝贝总数量": "3"} | extra  # fmt: skip


def taobao_item_rows(order_id: str) -> list[dict[str, str]]:
    """The two items of `taobao_order_row`: 2 basins and 1 box, 89.70 in all."""
    return [
        {"订单编号": order_id, "标题": "折叠洗脸盆", "价格": "22.00", "购买数量": "2", "商品属性": "蓝色",
         "订单状态": "买家已付款，等待卖家发货", "商家编码": "BASIN-FOLD-32-BLU"},
        {"订单编号": order_id, "标题": "加厚收纳箱", "价格": "45.70", "购买数量": "1", "订单状态": "买家已付款，等待卖家发货",
         "外部系统编号": "STOR-BOX-L-WHT"},
    ]  # fmt: skip


def pdd_csv(path: Path, *rows: dict[str, str], encoding: str = "gbk") -> Path:
    """A PDD export of `rows` (see pdd_row), GBK as Excel on Chinese Windows saves it."""
    return write_csv(path, table(PDD_HEADER, list(rows)), encoding)


def taobao_csvs(folder: Path, order_id: str, orders: bool = True, items: bool = True,
                **order_fields: str) -> list[Path]:  # fmt: skip
    """Taobao's order report and item report of one order (the two files of one export), in GBK."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    if orders:
        rows = table(TAOBAO_ORDER_HEADER, [taobao_order_row(order_id, **order_fields)])
        out.append(write_csv(folder / "ExportOrderList.csv", rows, "gbk"))
    if items:
        rows = table(TAOBAO_ITEM_HEADER, taobao_item_rows(order_id))
        out.append(write_csv(folder / "ExportOrderDetailList.csv", rows, "gbk"))
    return out


def xlsx_bomb(path: Path, header: Sequence[str], megabytes: int) -> Path:
    """A valid .xlsx of a few hundred KB whose first sheet unpacks to `megabytes` MB of rows: the
    hostile file of issue 11 (2.8 MB holding 980 MB of sheet XML), scaled down to build quickly."""
    small = write_xlsx(path.with_suffix(".seed.xlsx"), [list(header)])
    head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = ('<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>' * 20_000).encode()
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, src.read(item.filename))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head.encode())
            for _ in range(megabytes * 2**20 // len(rows) + 1):
                sheet.write(rows)
            sheet.write(b"</sheetData></worksheet>")
    small.unlink()
    return path
