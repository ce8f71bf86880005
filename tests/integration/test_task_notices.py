"""Warehouse task notices to a WeCom group robot: queued with the task (never sent by the scan or
the refund itself), sent by the drain as the robot's JSON, retried after a failure, and given up
after the last attempt. The robot is a local HTTP server."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.services import notices
from orderdesk.services.notices import drain_notices
from orderdesk.services.refunds import request_refund
from orderdesk.services.warehouse_tasks import set_webhook
from tests.helpers.handover import WH, ready_parcels


class FakeRobot:
    """A WeCom group robot on 127.0.0.1: records each posted body; answers errcode 0, or fails the
    next `failures` posts with HTTP 500."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        self.failures = 0
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if robot.failures:
                    robot.failures -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                robot.bodies.append(body)
                data = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/cgi-bin/webhook/send?key=test"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def robot():  # noqa: ANN201
    r = FakeRobot()
    yield r
    r.close()


def _notices(store):  # noqa: ANN001, ANN202
    with store.make_uow() as uow:
        return uow.refunds.notices()


def test_a_pull_back_task_is_sent_to_the_warehouse_robot_and_retried_after_a_failure(store, robot):  # noqa: ANN001
    (order_no, waybill), *_ = ready_parcels(store.make_uow, 970_000, 4)
    set_webhook(store.make_uow, "lead", WH, robot.url)
    robot.failures = 1
    request_refund(store.make_uow, "cs1", order_no, reason="退款")
    assert robot.bodies == []  # the refund itself sends nothing
    first = drain_notices(store.make_uow, timeout=2)
    assert (first.sent, first.retrying, first.failed) == (0, 1, 0)
    [(_id, _wh, state, _text, attempts, error)] = _notices(store)
    assert (state, attempts) == ("waiting", 1) and "HTTP 500" in error
    assert drain_notices(store.make_uow, timeout=2).sent == 0  # not due again yet
    with store.make_uow(write=True) as uow:  # the pause is over
        uow.refunds.notice_outcome(_id, "waiting", error, datetime.now(UTC), datetime.now(UTC) - timedelta(seconds=1))
        uow.commit()
    assert drain_notices(store.make_uow, timeout=2).sent == 1
    [body] = robot.bodies
    assert body["msgtype"] == "text" and order_no in body["text"]["content"] and waybill in body["text"]["content"]
    assert "拦截取回" in body["text"]["content"] and "Pull back" in body["text"]["content"]
    assert _notices(store)[0][2] == "done"


def test_an_unreachable_robot_is_given_up_after_the_last_attempt(store, monkeypatch):  # noqa: ANN001
    (order_no, _wb), *_ = ready_parcels(store.make_uow, 975_000, 4)
    set_webhook(store.make_uow, "lead", WH, "http://127.0.0.1:9/nothing-listens-here")
    request_refund(store.make_uow, "cs1", order_no, reason="退款")
    monkeypatch.setattr(notices, "FIRST_PAUSE", timedelta(0))
    reports = [drain_notices(store.make_uow, timeout=0.5) for _ in range(notices.MAX_ATTEMPTS)]
    assert [r.retrying for r in reports[:-1]] == [1] * (notices.MAX_ATTEMPTS - 1) and reports[-1].failed == 1
    assert _notices(store)[0][2] == "failed" and drain_notices(store.make_uow).failed == 0


def test_no_webhook_no_notice_and_a_bad_url_is_refused(store):  # noqa: ANN001
    (order_no, _wb), *_ = ready_parcels(store.make_uow, 978_000, 4)
    request_refund(store.make_uow, "cs1", order_no, reason="退款")
    assert _notices(store) == []
    with pytest.raises(DomainError, match="Not a web address"):
        set_webhook(store.make_uow, "lead", WH, "ftp://robot")
