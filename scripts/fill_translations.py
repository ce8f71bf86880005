"""Fill Qt .ts files from the table below: Simplified Chinese for every UI string, English plurals.

Run by scripts/build-ui after pyside6-lupdate. A string missing here stays unfinished, and the
i18n test fails, so nobody ships an untranslated label.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

ZH = {
    "On hold: %1": "挂起：%1",
    "Parcel %1 from %2: %3": "包裹 %1 由 %2 发出：%3",
    "Not allocated yet": "尚未分仓",
    "Tags: %1": "标签：%1",
    "Re-allocate un-packed orders…": "按现行规则重新分仓…",
    "After a rule change: preview where paid, held and allocated orders would go, then move them in one action.":
        "规则修改后：先预览已支付、挂起和已分仓（未打包）的订单将去哪个仓，再一键调整。",
    "%1 un-packed orders; %2 would change warehouse.": "未打包订单 %1 单，其中 %2 单将改变仓库。",
    "Re-allocate": "重新分仓",
    "Move them now?": "现在调整吗？",
    "Re-allocated: %1 allocated, %2 held": "重新分仓完成：分仓 %1 单，挂起 %2 单",
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
    "Demo: %n new order(s) paid in the shops": "演示：店铺新付款 %n 单",
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
    # Allocation page: rules editor and held orders
    "Allocation rules": "分仓规则",
    "Held orders": "异常订单",
    "Rules": "规则",
    "There are unsaved changes.": "有未保存的修改。",
    "Read only: your role may look at the rules and try them, not change them.": "只读：你的角色可以查看和试运行规则，不能修改。",
    "Reload": "重新载入",
    "Read the saved rules again; unsaved changes are dropped.": "重新读取已保存的规则；未保存的修改将丢弃。",
    "Reload the rules": "重新载入规则",
    "Drop the unsaved changes and read the saved rules again?": "放弃未保存的修改，重新读取已保存的规则？",
    "Could not load the rules: %1": "规则加载失败：%1",
    "#": "#",
    "On": "启用",
    "Name": "名称",
    "Condition": "条件",
    "Add": "添加",
    "Delete": "删除",
    "Move up": "上移",
    "Move down": "下移",
    "Rules are tried from the top; the first warehouse rule that matches wins.": "规则从上往下判断；第一条匹配的分仓规则生效。",
    "Rule %1": "第 %1 条规则",
    "No rule selected": "未选择规则",
    "(no name)": "（未命名）",
    "The condition is empty.": "条件为空。",
    "Disabled: kept, but not used": "已停用：保留但不使用",
    "To %1": "分到 %1",
    "(no split)": "（不拆单）",
    "Gift %1 ×%2": "赠品 %1 ×%2",
    "Tag %1": "标签 %1",
    "What the rule is for, e.g. 江浙沪发苏州仓": "规则的用途，如：江浙沪发苏州仓",
    'e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 >= 99': '例如：收货省 in ["江苏", "浙江", "上海"] and 订单金额 >= 99',
    'Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.':
        '请填写条件，例如 收货省 in ["江苏", "浙江"]；字段可从下方列表插入。',
    "✓ The condition is correct.": "✓ 条件正确。",
    "Click to put the cursor where the error is.": "点击把光标移到出错的位置。",
    "Insert a field…": "插入字段…",
    "Insert a function…": "插入函数…",
    "Examples: %1": "示例：%1",
    "Assign warehouse": "分配仓库",
    "Add gift": "添加赠品",
    "Add tag": "打标签",
    "Hold for review": "挂起审核",
    "Choose a warehouse…": "选择仓库…",
    "%1 (inactive)": "%1（已停用）",
    "SKU of the gift, e.g. GIFT-TOWEL": "赠品 SKU，如 GIFT-TOWEL",
    "e.g. 加急": "如：加急",
    "Shown on the held order, e.g. 大额订单请核对地址": "显示在挂起的订单上，如：大额订单请核对地址",
    "Keep the order together (one warehouse, no split)": "整单同仓（不拆单）",
    "Enabled": "启用",
    "Gift SKU": "赠品 SKU",
    "Gift quantity": "赠品数量",
    "Tag": "标签",
    "Reason": "原因",
    "Dry run: what would these rules do?": "试运行：这些规则会怎样分仓？",
    "Try on the newest": "试运行最近",
    " orders": " 单",
    "Dry run": "试运行",
    "Plan the newest orders with the rules as edited here; nothing is saved.": "用这里编辑中的规则为最近的订单模拟分仓，不保存任何内容。",
    "Trying the rules on up to %n order(s)…": "正在用最近 %n 单试运行…",
    "Dry run refused: %1": "无法试运行：%1",
    "The rules changed after this dry run; run it again.": "试运行之后规则又改动过，请重新试运行。",
    "Outcome": "结果",
    "Change": "变化",
    "Example orders": "示例订单",
    "Held": "挂起",
    "%1: %2": "%1：%2",
    "Tried on %n order(s)": "试运行 %n 单",
    "%n order(s) would change warehouse": "将有 %n 单改变仓库",
    "%n split": "拆单 %n",
    "gifts %1": "赠品 %1",
    "no gifts": "无赠品",
    "%n held": "挂起 %n 单",
    "(no warehouse)": "（无仓库）",
    "%n without a warehouse now": "%n 单目前没有仓库",
    "%n had no warehouse": "原无仓库 %n 单",
    "Order count": "订单数",
    "%n moved in": "移入 %n 单",
    "%n moved out": "移出 %n 单",
    "no change": "无变化",
    "Save and versions": "保存与版本",
    "What changed (optional), e.g. 618 大促": "修改说明（可选），如：618 大促",
    "Save": "保存",
    "Check every rule and make this set the one in force, as a new version.": "检查每条规则，并把这套规则保存为新版本、立即生效。",
    "Checking and saving…": "正在检查并保存…",
    "Saved as version %1.": "已保存为第 %1 版。",
    "Not saved: %1": "未保存：%1",
    "Versions": "版本",
    "Version %1 · %2 · %3": "第 %1 版 · %2 · %3",
    "(in force)": "（当前生效）",
    "%n rule(s)": "%n 条规则",
    "Restore this version": "恢复此版本",
    "Put the rules of version %1 back in force? They are saved as a new version.": "恢复第 %1 版规则并立即生效？它会保存为一个新版本。",
    "Your unsaved changes are dropped.": "未保存的修改将丢弃。",
    "Version %1 restored as version %2.": "第 %1 版已恢复，保存为第 %2 版。",
    "Orders the rules could not allocate, or held for a person to check.": "规则无法分仓、或要求人工审核而挂起的订单。",
    "Hold reason": "挂起原因",
    "Allocate by hand": "人工分仓",
    "Allocating…": "分仓中…",
    "Reason (required), e.g. 客户要求从苏州仓发": "原因（必填），如：客户要求从苏州仓发",
    "Read only: your role may not allocate orders.": "只读：你的角色不能分仓。",
    "%n held order(s)": "挂起 %n 单",
    "The first %n held order(s)": "前 %n 单挂起订单",
    "Could not load the held orders: %1": "挂起订单加载失败：%1",
    "Select a held order to allocate it by hand.": "选择一个挂起的订单进行人工分仓。",
    "Order %1 — %2": "订单 %1 —— %2",
    "Choose the warehouse that ships this order.": "请选择发货仓库。",
    "Say why this order is allocated by hand; the reason goes into the log.": "请填写人工分仓的原因，原因会记入日志。",
    "Order %1 allocated to %2 by hand.": "订单 %1 已人工分到 %2。",
}

EN_PLURALS = {
    "%n entries": ("%n entry", "%n entries"),
    "Exported %n entries": ("Exported %n entry", "Exported %n entries"),
    "Demo: %n new order(s) paid in the shops": (
        "Demo: %n new order paid in the shops",
        "Demo: %n new orders paid in the shops",
    ),
    "%n order(s)": ("%n order", "%n orders"),
    "%n new order(s) arrived — press F5 to show them": (
        "%n new order arrived — press F5 to show it",
        "%n new orders arrived — press F5 to show them",
    ),
    "%n held order(s)": ("%n held order", "%n held orders"),
    "The first %n held order(s)": ("The first %n held order", "The first %n held orders"),
    "%n rule(s)": ("%n rule", "%n rules"),
    "Trying the rules on up to %n order(s)…": ("Trying the rules on up to %n order…", "Trying the rules on up to %n orders…"),
    "Tried on %n order(s)": ("Tried on %n order", "Tried on %n orders"),
    "%n order(s) would change warehouse": ("%n order would change warehouse", "%n orders would change warehouse"),
    "%n split": ("%n split", "%n split"),
    "%n held": ("%n held", "%n held"),
    "%n moved in": ("%n moved in", "%n moved in"),
    "%n moved out": ("%n moved out", "%n moved out"),
    "%n without a warehouse now": ("%n without a warehouse now", "%n without a warehouse now"),
    "%n had no warehouse": ("%n had no warehouse", "%n had no warehouse"),
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
