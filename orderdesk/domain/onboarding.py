"""The first-login tour per role: three steps, each pointing at a page of the main window with a
sentence in both languages. Seen or dismissed tours are remembered per user (user_tours)."""

from __future__ import annotations

from dataclasses import dataclass

from .access import Role


@dataclass(frozen=True)
class TourStep:
    page: str  # the navigation entry's English title (the shell finds the page by it)
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


S = TourStep
PACK, ORDERS, DASH = "Pick & pack", "Orders", "Dashboard"
TOURS: dict[Role, tuple[TourStep, ...]] = {
    Role.PACKER: (
        S(PACK, "① 扫描订单号（或运单号、波次格号），开始打包这一单", "① Scan an order number (or its waybill or wave slot) to start packing it"),
        S(PACK, "② 逐件扫描商品条码：屏幕显示每个商品还差几件，扫错会变红并提示原因",
          "② Scan every item: the screen shows what is left; a wrong scan turns red and says why"),
        S(PACK, "③ 最后一件扫完即自动打印面单：贴好面单，扫描下一单", "③ The label prints as the last item is scanned: stick it on and scan the next order"),
    ),
    Role.WAREHOUSE_LEAD: (
        S(DASH, "① 数据看板：今日待发货和预警，点击预警查看对应订单", "① Dashboard: what is left to ship today and the alerts; click an alert for its orders"),
        S("Allocation", "② 分仓：挂起的订单在这里人工分仓（需填写原因）", "② Allocation: held orders are assigned here by hand, with a reason"),
        S("Courier handover", "③ 快递交接：揽收时逐个扫描包裹，生成交接单", "③ Courier handover: scan each parcel at pick-up to make the manifest"),
    ),
    Role.CUSTOMER_SERVICE: (
        S(ORDERS, "① 在搜索框输入手机号或订单号，找到买家的订单", "① Type a phone or order number in the search box to find the buyer's orders"),
        S(ORDERS, "② 选中订单，右侧时间线用平实的话说明包裹到了哪里", "② Select an order: its timeline says in plain words where the parcel is"),
        S(ORDERS, "③ 买家要退款时，用「登记退款」拦截尚未发出的包裹", "③ When a buyer asks for a refund, 'Refund request' stops a parcel not yet gone"),
    ),
    Role.FINANCE: (
        S(DASH, "① 数据看板：今日订单与预警一目了然", "① Dashboard: today's orders and alerts at a glance"),
        S(ORDERS, "② 订单：按渠道和状态筛选，查看每单的金额与时间线", "② Orders: filter by channel and status; each order shows its amounts and timeline"),
        S("Audit log", "③ 审计日志：谁在何时做了什么；对账表用 orderdesk report reconciliation 导出",
          "③ Audit log: who did what, when; export reconciliation with orderdesk report reconciliation"),
    ),
    Role.OPERATIONS: (
        S("Channels", "① 渠道：连接店铺并查看同步状态", "① Channels: connect shops and watch their sync"),
        S("Allocation", "② 分仓规则：修改前先预览规则对订单的影响", "② Allocation rules: preview what a change does before saving it"),
        S(DASH, "③ 数据看板：每小时订单与上周同日对比", "③ Dashboard: orders per hour against the same weekday last week"),
    ),
    Role.ADMIN: (
        S(DASH, "① 数据看板：今日待发货、每小时订单和预警", "① Dashboard: to ship today, orders per hour and the alerts"),
        S(ORDERS, "② 订单：所有渠道的订单集中在这里", "② Orders: every channel's orders in one list"),
        S("Audit log", "③ 审计日志：用户、设置和规则的每次改动", "③ Audit log: every change to users, settings and rules"),
    ),
}  # fmt: skip


def tour_for(role: str | None, seen: set[str]) -> tuple[str, tuple[TourStep, ...]] | None:
    """(tour name, its steps) for a role's first login; None once seen or dismissed, or for a role
    without a tour (the system account)."""
    try:
        steps = TOURS[Role(role or "")]
    except (ValueError, KeyError):
        return None
    name = f"first:{role}"
    return None if name in seen else (name, steps)
