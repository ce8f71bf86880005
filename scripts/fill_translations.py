"""Fill Qt .ts files from the table below: Simplified Chinese for every UI string, English plurals.

Run by scripts/build-ui after pyside6-lupdate. A string missing here stays unfinished, and the
i18n test fails, so nobody ships an untranslated label.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

ZH = {
    "Opening the database…": "正在打开数据库…",
    "OrderDesk — order hub": "OrderDesk 订单中台",
    "Orders": "订单",
    "Database: %1": "数据库：%1",
    "User: %1": "用户：%1",
    "Working…": "处理中…",
    "Allocation": "分仓",
    "Rules that send each order to a warehouse, and the exception queue.": "按规则把每个订单分配到仓库，以及异常订单队列。",
    "Pick & pack": "拣货打包",
    "The packing station: scan the order, every item and the waybill.": "打包工位：扫描订单、每件商品和面单。",
    "Returns": "退货入库",
    "Scan returned parcels back in; refunds get their credit notes.": "扫描退回的包裹入库；退款生成红字凭证。",
    "Labels": "面单打印",
    "Shipping labels, packing slips and pick lists on any printer.": "在任意打印机上打印快递面单、装箱单和拣货单。",
    "Customer service": "客服查询",
    "Every order of a buyer by phone, with its timeline.": "按手机号查询买家的全部订单及其处理记录。",
    "Dashboard": "数据看板",
    "Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.": "各仓待处理量、预警、发货准确率和支付到发货时长。",
    "Demo: %n new order(s) arrived": "演示：新到 %n 单",
    "Language": "界面语言",
    "The new language is used from the next start.": "新的界面语言将在下次启动时生效。",
    "About OrderDesk": "关于 OrderDesk",
    "OrderDesk %1 — a light order hub for small e-commerce warehouses.": "OrderDesk %1 —— 面向中小电商仓库的轻量订单中台。",
    "OrderDesk": "OrderDesk",
    "&File": "文件(&F)",
    "&Settings": "设置(&S)",
    "&Language": "界面语言(&L)",
    "&Help": "帮助(&H)",
    "&Refresh": "刷新(&R)",
    "F5": "F5",
    "&Quit": "退出(&Q)",
    "Ctrl+Q": "Ctrl+Q",
    "&About OrderDesk": "关于 OrderDesk(&A)",
    "Select an order to see its lines and timeline": "选择一个订单，查看商品明细和处理记录",
    "Receiver": "收货人",
    "Address": "收货地址",
    "Buyer note": "买家留言",
    "Amounts": "金额",
    "SKU": "SKU",
    "Item": "商品",
    "Qty": "数量",
    "Paid (¥)": "实付(元)",
    "Time": "时间",
    "Who": "操作人",
    "What happened": "事件",
    "Lines": "商品明细",
    "Timeline": "处理记录",
    "Total ¥%1, freight ¥%2, discount ¥%3": "合计 ¥%1，运费 ¥%2，优惠 ¥%3",
    "Order no.": "订单号",
    "Channel": "渠道",
    "Shop": "店铺",
    "Status": "状态",
    "Paid at": "支付时间",
    "Phone": "电话",
    "Province": "省份",
    "City": "城市",
    "Items": "件数",
    "Total (¥)": "金额(元)",
    "Warehouse": "仓库",
    "Order no. or phone": "订单号或手机号",
    "All statuses": "全部状态",
    "All channels": "全部渠道",
    "All warehouses": "全部仓库",
    "Refresh": "刷新",
    "Counting…": "统计中…",
    "%n order(s)": "共 %n 单",
    "Could not load orders": "订单加载失败",
    "This screen is not available in this version yet.": "此功能将在后续版本提供。",
    "province not recognised": "省份无法识别",
    "gift": "赠品",
    "%n new order(s) arrived — press F5 to show them": "新到 %n 单，按 F5 显示",
    "User": "用户",
    "All objects": "全部对象",
    "Object (e.g. order number)": "对象（如订单号）",
    "Search": "查询",
    "Export…": "导出…",
    "From": "从",
    "to": "到",
    "Action": "动作",
    "Object type": "对象类型",
    "Object": "对象",
    "Details": "详情",
    "Loading…": "加载中…",
    "%n entries": "共 %n 条",
    "Export audit trail": "导出审计日志",
    "Excel (*.xlsx);;CSV (*.csv)": "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)",
    "Exported %n entries": "已导出 %n 条",
    "OrderDesk — create the administrator": "OrderDesk —— 创建管理员",
    "This database has no users yet. Create the administrator, who then adds everyone else.":
        "数据库中还没有用户。请先创建管理员，再由管理员添加其他人员。",
    "User name": "用户名",
    "Full name": "姓名",
    "Password": "密码",
    "Repeat password": "再次输入密码",
    "The two passwords differ.": "两次输入的密码不一致。",
    "OrderDesk — log in": "OrderDesk —— 登录",
    "Station locked by %1. Log in to continue, or switch user.": "工位已由 %1 锁定。登录以继续，或切换用户。",
    "Log in with your user name and password, or scan your badge.": "请输入用户名和密码登录，或扫描工牌。",
    "User or badge": "用户名或工牌",
    "Log in": "登录",
    "Type your user name or scan your badge.": "请输入用户名或扫描工牌。",
    "Checking…": "正在验证…",
    "Audit log": "审计日志",
    "S&witch user…": "切换用户(&W)…",
    "Ctrl+Shift+L": "Ctrl+Shift+L",
    "&Lock station": "锁定工位(&L)",
    "Ctrl+L": "Ctrl+L",
    "Show full phone and address": "显示完整电话和地址",
}

EN_PLURALS = {
    "%n entries": ("%n entry", "%n entries"),
    "Exported %n entries": ("Exported %n entry", "Exported %n entries"),
    "Demo: %n new order(s) arrived": ("Demo: %n new order arrived", "Demo: %n new orders arrived"),
    "%n order(s)": ("%n order", "%n orders"),
    "%n new order(s) arrived — press F5 to show them": (
        "%n new order arrived — press F5 to show it",
        "%n new orders arrived — press F5 to show them",
    ),
}


def fill(path: str) -> list[str]:
    tree = ET.parse(path)
    chinese = "zh" in tree.getroot().get("language", path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        assert tr is not None
        numerus = message.get("numerus") == "yes"
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        tr.attrib.pop("type", None)
        if chinese:
            text = ZH.get(source)
            if text is None:
                missing.append(source)
                tr.set("type", "unfinished")
                continue
            if numerus:
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
        elif numerus:
            forms = EN_PLURALS.get(source)
            if forms is None:
                missing.append(source)
                tr.set("type", "unfinished")
                continue
            for form in forms:
                ET.SubElement(tr, "numerusform").text = form
        else:
            tr.text = source
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    gaps = {p: fill(p) for p in sys.argv[1:]}
    for p, missing in gaps.items():
        for source in missing:
            print(f"{p}: no translation for {source!r}", file=sys.stderr)
    sys.exit(1 if any(gaps.values()) else 0)
