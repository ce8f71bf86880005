"""Order statuses as the business names them, with their labels in both UI languages."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    PAID = "PAID"
    ON_HOLD = "ON_HOLD"
    ALLOCATED = "ALLOCATED"
    PACKED = "PACKED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    INTERCEPTED = "INTERCEPTED"
    REFUND_REQUESTED = "REFUND_REQUESTED"
    RETURNED = "RETURNED"
    CANCELLED = "CANCELLED"

    @property
    def zh(self) -> str:
        return _ZH[self]

    @property
    def en(self) -> str:
        return _EN[self]

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


_ZH = {
    OrderStatus.PAID: "已支付",
    OrderStatus.ON_HOLD: "待审核",
    OrderStatus.ALLOCATED: "已分仓",
    OrderStatus.PACKED: "已打包",
    OrderStatus.SHIPPED: "已发货",
    OrderStatus.DELIVERED: "已签收",
    OrderStatus.INTERCEPTED: "已拦截",
    OrderStatus.REFUND_REQUESTED: "售后中",
    OrderStatus.RETURNED: "已退货",
    OrderStatus.CANCELLED: "已取消",
}

_EN = {
    OrderStatus.PAID: "Paid",
    OrderStatus.ON_HOLD: "On hold",
    OrderStatus.ALLOCATED: "Allocated",
    OrderStatus.PACKED: "Packed",
    OrderStatus.SHIPPED: "Shipped",
    OrderStatus.DELIVERED: "Delivered",
    OrderStatus.INTERCEPTED: "Intercepted",
    OrderStatus.REFUND_REQUESTED: "Refund requested",
    OrderStatus.RETURNED: "Returned",
    OrderStatus.CANCELLED: "Cancelled",
}
