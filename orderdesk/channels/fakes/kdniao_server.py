"""A fake Kdniao (`/Ebusiness/EbusinessOrderHandle.aspx`) for tests and the demo.

    with FakeKdniaoServer(clock=sim.now) as kd:            # 127.0.0.1, random free port, own thread
        kd.play("YT1234567890123", "YTO", "delivered", start=t0)   # a story told on kd's clock
        kd.queries_per_day["2026-11-20"]                   # instant queries answered that day

It checks DataSign as Kdniao does (a wrong one is answered `Success: false` and counted in
`bad_signatures`), answers instant queries (1002/8002) with the scans of the waybill's story that
are in the past on its clock, takes subscriptions (8001) and pushes new scans to the callback URL,
signed, when `push()` is called. Faults: HTTP 500, a malformed body, a reply for another waybill.
With `auto` (the demo), a waybill never seen before starts a "delivered" story at its first query.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx

from ..kdniao_codec import data_sign, format_time, sign_ok
from .base_server import FakeHttpServer, Reply, to_json, utc_now

ROUTE = "/Ebusiness/EbusinessOrderHandle.aspx"
DEFAULT_EBUSINESS_ID = "1700001"
DEFAULT_API_KEY = "fake-kdniao-api-key"
FAULTS = ("http_500", "malformed", "other_waybill")


@dataclass(frozen=True)
class Scan:
    after: timedelta  # from the story's start
    state: str  # Kdniao's basic State of the parcel after this scan
    detail: str  # StateEx / Action
    station: str
    location: str = ""


_H = timedelta(hours=1)
_PICK = Scan(2 * _H, "1", "1", "【苏州市】苏州吴中区营业部 已揽收", "苏州市")
_HUB = Scan(8 * _H, "2", "2", "【苏州市】快件已发往 南京转运中心", "苏州市")
_ARRIVE = Scan(20 * _H, "2", "201", "【南京市】快件已到达 南京转运中心", "南京市")
_OUT = Scan(40 * _H, "2", "202", "【南京市】玄武区营业部 派件员 王师傅 正在派件", "南京市")
STORIES: dict[str, tuple[Scan, ...]] = {
    "delivered": (_PICK, _HUB, _ARRIVE, _OUT, Scan(44 * _H, "3", "301", "【南京市】已签收，签收人：本人", "南京市")),
    "problem": (_PICK, _HUB, _ARRIVE, Scan(30 * _H, "4", "405", "【南京市】派件异常：地址不详，联系不上收件人", "南京市")),
    "refused": (_PICK, _HUB, _ARRIVE, _OUT, Scan(42 * _H, "4", "404", "【南京市】收件人拒收，快件退回中", "南京市")),
    "returned": (_PICK, _HUB, _ARRIVE, _OUT, Scan(42 * _H, "4", "404", "【南京市】收件人拒收，快件退回中", "南京市"),
                 Scan(90 * _H, "4", "406", "【苏州市】退件已由寄件人签收", "苏州市")),
    "stalled": (_PICK, _HUB),
    "never": (),
}


@dataclass
class _Story:
    courier: str
    start: datetime
    scans: tuple[Scan, ...]
    speed: float = 1.0  # 60.0: an hour of the story passes in a minute

    def visible(self, now: datetime) -> list[tuple[datetime, Scan]]:
        return [(self.start + s.after / self.speed, s) for s in self.scans if self.start + s.after / self.speed <= now]


class FakeKdniaoServer(FakeHttpServer):
    """Thread-safe; start() binds 127.0.0.1 on a free port; stop() ends it."""

    thread_name = "fake-kdniao"
    label = "fake Kdniao"
    route = ROUTE

    def __init__(self, *, ebusiness_id: str = DEFAULT_EBUSINESS_ID, api_key: str = DEFAULT_API_KEY,
                 clock: Callable[[], datetime] = utc_now, auto: str | None = None, auto_speed: float = 1.0,
                 daily_limit: int | None = None) -> None:  # fmt: skip
        self.ebusiness_id, self.api_key, self.clock = ebusiness_id, api_key, clock
        self.auto, self.auto_speed, self.daily_limit = auto, auto_speed, daily_limit
        self._init_server()
        self._lock = threading.Lock()
        self._stories: dict[str, _Story] = {}
        self._faults: list[str] = []
        self._pushed: dict[str, int] = {}
        self.subscriptions: dict[str, str] = {}  # waybill -> callback URL
        self.queries_per_day: Counter[str] = Counter()
        self.bad_signatures = 0

    # -- what the test controls ------------------------------------------------------------------------

    def play(self, waybill: str, courier: str, story: str = "delivered", start: datetime | None = None,
             speed: float = 1.0) -> None:  # fmt: skip
        """Tell `story` (see STORIES) for a waybill, starting at `start` on the fake's clock."""
        with self._lock:
            self._stories[waybill] = _Story(courier, start or self.clock(), STORIES[story], speed)

    def inject(self, fault: str, times: int = 1) -> None:
        assert fault in FAULTS, fault
        with self._lock:
            self._faults.extend([fault] * times)

    def push(self, sign_key: str | None = None) -> list[dict[str, Any]]:
        """Push every subscribed waybill's new scans to its callback URL, as Kdniao would; the answers."""
        answers = []
        for url, items in self._pending_pushes().items():
            raw = json.dumps({"EBusinessID": self.ebusiness_id, "PushTime": format_time(self.clock()),
                              "Count": str(len(items)), "Data": items}, ensure_ascii=False)  # fmt: skip
            form = {"RequestData": raw, "DataSign": data_sign(raw, sign_key or self.api_key), "RequestType": "101"}
            answers.append(httpx.post(url, data=form, timeout=10).json())
        return answers

    # -- the HTTP side ---------------------------------------------------------------------------------

    def handle(self, http_method: str, target: str, content_type: str, body: bytes) -> Reply:
        if target.split("?")[0] != ROUTE:
            return Reply(404, b"not found", "text/plain")
        params = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        raw = params.get("RequestData", "")
        with self._lock:
            if params.get("EBusinessID") != self.ebusiness_id or not sign_ok(raw, params.get("DataSign", ""), self.api_key):
                self.bad_signatures += 1
                return self._answer({"Success": False, "ResultCode": "102", "Reason": "数据验证失败（DataSign）"})
            fault = self._faults.pop(0) if self._faults else None
            if fault == "http_500":
                return Reply(500, b"<html>500</html>", "text/html")
            if fault == "malformed":
                return Reply(200, b'{"EBusinessID": "', "application/json")
            try:
                data = json.loads(raw)
            except ValueError:
                return self._answer({"Success": False, "ResultCode": "401", "Reason": "RequestData 格式错误"})
            return self._dispatch(params.get("RequestType", ""), data, fault)

    def _dispatch(self, request_type: str, data: dict[str, Any], fault: str | None) -> Reply:
        waybill = str(data.get("LogisticCode") or "")
        if request_type == "8001":
            self.subscriptions[waybill] = str(data.get("CallBack") or "")
            self._story_of(waybill, str(data.get("ShipperCode") or ""))
            return self._answer({"Success": True, "ResultCode": "100", "UpdateTime": format_time(self.clock())})
        if request_type not in ("1002", "8002"):
            return self._answer({"Success": False, "ResultCode": "105", "Reason": f"RequestType {request_type}"})
        day = format_time(self.clock())[:10]
        if self.daily_limit is not None and self.queries_per_day[day] >= self.daily_limit:
            return self._answer({"Success": False, "ResultCode": "405", "Reason": "超过每日查询限额"})
        self.queries_per_day[day] += 1
        trace = self._trace(waybill, str(data.get("ShipperCode") or ""))
        if fault == "other_waybill":
            trace["LogisticCode"] = waybill + "9"
        return self._answer(trace)

    def _story_of(self, waybill: str, courier: str) -> _Story | None:
        story = self._stories.get(waybill)
        if story is None and self.auto:
            story = self._stories[waybill] = _Story(courier, self.clock(), STORIES[self.auto], self.auto_speed)
        return story

    def _trace(self, waybill: str, courier: str) -> dict[str, Any]:
        story = self._story_of(waybill, courier)
        seen = story.visible(self.clock()) if story else []
        out: dict[str, Any] = {"ShipperCode": courier, "LogisticCode": waybill, "Success": True,
                               "State": "0", "Traces": [_trace_item(at, s) for at, s in seen]}  # fmt: skip
        if seen:
            out.update(State=seen[-1][1].state, StateEx=seen[-1][1].detail, Location=seen[-1][1].location)
        else:
            out["Reason"] = "暂无轨迹信息"
        return out

    def _pending_pushes(self) -> dict[str, list[dict[str, Any]]]:
        by_url: dict[str, list[dict[str, Any]]] = {}
        with self._lock:
            for waybill, url in self.subscriptions.items():
                story = self._stories.get(waybill)
                seen = story.visible(self.clock()) if story else []
                if url and len(seen) > self._pushed.get(waybill, 0):
                    self._pushed[waybill] = len(seen)
                    by_url.setdefault(url, []).append(self._trace(waybill, story.courier))  # type: ignore[union-attr]
        return by_url

    def _answer(self, obj: dict[str, Any]) -> Reply:
        return Reply(200, to_json({"EBusinessID": self.ebusiness_id} | obj))


def _trace_item(at: datetime, scan: Scan) -> dict[str, str]:
    return {"AcceptTime": format_time(at), "AcceptStation": scan.station, "Location": scan.location,
            "Action": scan.detail}  # fmt: skip
