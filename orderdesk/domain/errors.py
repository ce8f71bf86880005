"""Domain errors that carry a reason a person can read, in Chinese and English."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the business was broken; `reason()` says which, in the user's language."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def reason(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class InvalidTransition(DomainError):
    """An order was asked to do something its current status does not allow."""

    def __init__(self, zh: str, en: str, status: str, event: str) -> None:
        super().__init__(zh, en)
        self.status = status
        self.event = event


class OrderNotFound(DomainError):
    """No order has the number that was given."""

    def __init__(self, order_no: str) -> None:
        super().__init__(f"找不到订单 {order_no}", f"Order {order_no} not found")
        self.order_no = order_no


class UnknownUser(DomainError):
    """An action named a user that does not exist or is disabled."""

    def __init__(self, username: str) -> None:
        super().__init__(f"未知或已停用的用户：{username}", f"Unknown or disabled user: {username}")
        self.username = username


class StockShort(DomainError):
    """A stock movement would go below zero or reserve more than is available."""
