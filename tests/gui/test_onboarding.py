"""The first-login tour: three highlighted steps for the user's role on the real main window,
dismissible, and never shown again to that user once finished or skipped."""

from __future__ import annotations

from orderdesk.gui.main_window import MainWindow


def _window(qtbot, demo_store, jobs, ui_lang, user):  # noqa: ANN001, ANN202
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, user, "test.db")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.start_tour()
    jobs.wait()
    qtbot.wait(50)
    return w


def test_a_packer_is_walked_through_scan_items_label_once(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    packer = login("packer1")
    w = _window(qtbot, demo_store, jobs, ui_lang, packer)
    bubble = w.tour
    assert bubble is not None and bubble.isVisible()
    assert bubble.counter.text() == "第 1 步，共 3 步" and "扫描订单号" in bubble.text.text()
    nav = w.ui.navList
    assert nav.currentItem().text() == "拣货打包" and nav.currentItem().background().color().name() == "#ffe082"
    bubble.next_button.click()
    assert "逐件扫描商品条码" in bubble.text.text()
    bubble.next_button.click()
    assert "打印面单" in bubble.text.text() and bubble.next_button.text() == "完成"
    bubble.next_button.click()
    jobs.wait()
    assert not bubble.isVisible() and nav.currentItem().background().color().alpha() == 0
    again = _window(qtbot, demo_store, jobs, ui_lang, packer)
    assert again.tour is None  # remembered for this user


def test_skipping_the_tour_is_remembered_per_user_and_other_users_still_get_theirs(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = _window(qtbot, demo_store, jobs, ui_lang, login("cs1"))
    assert "手机号或订单号" in w.tour.text.text()
    w.tour.skip_button.click()
    jobs.wait()
    assert _window(qtbot, demo_store, jobs, ui_lang, login("cs1")).tour is None
    lead = _window(qtbot, demo_store, jobs, ui_lang, login("lead"))
    assert lead.tour is not None and "数据看板" in lead.tour.text.text()
