"""An event that one view cannot apply stops that view alone, at that event, visibly; the views
reading it wait at the same position; a restart or a rebuild resumes it. On both stores."""

import logging
import threading
from datetime import date
from uuid import UUID

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.exc import OperationalError

from marketplace.cli import main
from marketplace.projector import run_projector
from marketplace.read_store import build_read_models
from projections.rebuild import RebuildFailed, rebuild
from projections.runner import Runner
from projections.views import VIEW_NAMES
from tests.faults import at, break_view, heal_view
from tests.integration.conftest import moment

BAD_EVENT = {  # the event of the busy week each view is made to fail on
    "register": "Producer.Registered",
    "shelves": "Outlet.Sold",
    "inventory": "Outlet.Sold",
    "sales": "Outlet.Sold",
    "programme": "Outlet.ProductShowcased",
    "coverage_status": "Outlet.Sold",
}
READERS = {"register": {"sales", "coverage_status"}, "shelves": {"coverage_status"}}


def sell(app, shelf, day: int) -> int:
    app.sell(
        shelf["outlet"],
        [{"product_id": shelf["product"], "qty": 1, "unit_price_vnd": 9}],
        moment(day),
    )
    return app.recorder.max_notification_id()


def busy_week(app, shelf) -> dict[str, int]:
    """After the shelf: events every view handles; return the position of each view's bad one."""
    centre = UUID(
        app.open_outlet(
            "TT thiết kế", "design_centre", "Hà Nội", "Uy Nỗ", date(2020, 1, 1), "Đông Anh"
        )["id"]
    )
    sell(app, shelf, 2)
    app.register_producer("HTX Mới", "cooperative", "Hà Nội", "Vân Hà", "Đông Anh")
    bad = {"register": app.recorder.max_notification_id()}
    sold = sell(app, shelf, 3)
    bad |= {name: sold for name in ("shelves", "inventory", "sales", "coverage_status")}
    app.showcase(centre, shelf["product"], date(2025, 3, 3))
    bad["programme"] = app.recorder.max_notification_id()
    sell(app, shelf, 4)
    return bad


def rows_of(models) -> dict[str, list[tuple]]:
    """Every view's rows, without serial ids (a rolled-back attempt may use up some)."""
    out = {}
    with models.read_engine.connect() as conn:
        for view in models.views.all():
            for t in view.metadata.sorted_tables:
                columns = [c for c in t.columns if not (c.name == "id" and c.autoincrement is True)]
                out[t.name] = sorted(
                    tuple(str(v) for v in row) for row in conn.execute(select(*columns))
                )
    return out


@pytest.fixture
def models(marketplace, settings):
    read_models = build_read_models(marketplace, settings)
    yield read_models
    read_models.close()


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_a_view_that_cannot_apply_an_event_stops_there_alone_and_a_restart_resumes_it(
    marketplace, shelf, settings, models, name, caplog
):
    bad = busy_week(marketplace, shelf)[name]
    break_view(getattr(models.views, name), at(bad))
    with caplog.at_level(logging.ERROR, logger="ocop.projections"):
        models.refresh()  # one batch holds the whole log: the bad event is in its middle
        head = sell(marketplace, shelf, 5)
        models.refresh()  # the next batch: the others go on, the stopped view is skipped

    state = models.runner.state()
    readers = READERS.get(name, set())
    assert set(state.stops) == {name}
    stop = state.stops[name]
    assert (stop.position, stop.event_type) == (bad, BAD_EVENT[name])
    assert "null" in stop.message.lower()  # the database's own words
    assert state.held() == dict.fromkeys(readers, name)
    assert state.positions == {v: bad - 1 if v in {name, *readers} else head for v in VIEW_NAMES}
    assert sorted(state.not_running()) == sorted((v, bad - 1) for v in {name, *readers})
    stopped_logs = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(stopped_logs) == 1 and f"event {bad} ({BAD_EVENT[name]})" in stopped_logs[0].message

    models.close()
    restarted = build_read_models(marketplace, settings)  # the fix deployed: no fault
    try:
        restarted.refresh()
        state = restarted.runner.state()
        assert not state.stops and set(state.positions.values()) == {head}
        live = rows_of(restarted)
        for view in VIEW_NAMES:
            rebuild(restarted.runner, restarted.views, view)
        assert rows_of(restarted) == live  # nothing applied twice or skipped across the stop
    finally:
        restarted.close()


def test_a_stopped_view_keeps_the_rows_of_every_event_before_the_bad_one(
    marketplace, shelf, models
):
    bad = busy_week(marketplace, shelf)["sales"]
    break_view(models.views.sales, at(bad))
    models.refresh()
    with models.read_engine.connect() as conn:
        positions = conn.execute(select(models.views.sales.t.lines.c.position)).scalars().all()
    sales_before = [
        n.id
        for n in marketplace.recorder.select_notifications(start=1, limit=1000, stop=bad - 1)
        if n.topic.endswith("Outlet.Sold")
    ]
    assert sorted(positions) == sales_before and sales_before


def test_a_restarted_runner_tries_a_stopped_view_once_more_and_keeps_the_stop_if_it_fails(
    marketplace, shelf, settings, models, caplog
):
    bad = busy_week(marketplace, shelf)["shelves"]
    break_view(models.views.shelves, at(bad))
    models.refresh()
    first = models.runner.state().stops["shelves"]

    again = build_read_models(marketplace, settings)  # restarted, the fault not fixed
    try:
        break_view(again.views.shelves, at(bad))
        with caplog.at_level(logging.WARNING, logger="ocop.projections"):
            again.refresh()
            again.refresh()  # tried once per process, not at every batch
        assert again.runner.state().stops == {"shelves": first}
        retries = [r for r in caplog.records if "still cannot apply" in r.message]
        assert len(retries) == 1 and retries[0].levelno == logging.WARNING
    finally:
        again.close()


def test_rebuilding_a_stopped_view_clears_its_stop_and_the_running_runner_resumes_it(
    marketplace, shelf, models
):
    bad = busy_week(marketplace, shelf)["register"]
    register = models.views.register
    break_view(register, at(bad))
    models.refresh()
    heal_view(register)  # the fix deployed; this runner does not retry by itself
    head = sell(marketplace, shelf, 6)
    models.refresh()
    assert models.runner.state().positions["register"] == bad - 1

    assert rebuild(models.runner, models.views, "register") == head
    models.refresh()
    state = models.runner.state()
    assert not state.stops and not state.held() and set(state.positions.values()) == {head}


def test_rebuilding_a_view_that_reads_a_stopped_view_stops_where_that_view_stopped(
    marketplace, shelf, models
):
    bad = busy_week(marketplace, shelf)["shelves"]
    break_view(models.views.shelves, at(bad))
    models.refresh()
    assert rebuild(models.runner, models.views, "coverage_status") == bad - 1
    assert models.runner.state().positions["coverage_status"] == bad - 1


def test_a_database_that_cannot_be_reached_during_catch_up_stops_no_view(
    marketplace, shelf, models, settings, tmp_path
):
    if settings.database_url.startswith("sqlite"):
        unreachable = create_engine(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}")
    else:  # nothing listens on port 1 of this machine
        unreachable = create_engine(
            "postgresql+psycopg://root@127.0.0.1:1/ocop", connect_args={"connect_timeout": 2}
        )
    runner = Runner(
        unreachable, marketplace.recorder, marketplace.mapper.to_domain_event, models.views.all()
    )
    with pytest.raises(OperationalError):
        runner.catch_up()  # a few tries, then it says so, rather than looping for ever
    assert runner.given_up == {}
    models.refresh()
    assert not models.runner.state().stops


def test_the_projector_process_logs_a_stopped_view_once_runs_the_others_and_ocop_rebuild_resumes_it(
    marketplace, shelf, settings, models, caplog, capsys, monkeypatch, tmp_path
):
    bad = busy_week(marketplace, shelf)["inventory"]
    break_view(models.views.inventory, at(bad))
    with caplog.at_level(logging.ERROR, logger="ocop.projections"):
        assert run_projector(models, once=True) == 0  # as `ocop project --once` runs it
    state = models.runner.state()
    assert state.positions == {v: bad - 1 if v == "inventory" else state.head for v in VIEW_NAMES}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and f"inventory stopped: cannot apply event {bad}" in errors[0].message
    assert f"view inventory STOPPED at event {bad} (Outlet.Sold)" in capsys.readouterr().err

    monkeypatch.chdir(tmp_path)  # the CLI keeps its secret key in ./instance
    monkeypatch.setenv("OCOP_DATABASE_URL", settings.database_url)
    assert main(["rebuild", "inventory"]) == 0  # a new process: the fix deployed
    state = models.runner.state()
    assert not state.stops and set(state.positions.values()) == {state.head}


def test_two_runners_racing_past_a_stopped_view_apply_every_event_once(
    marketplace, shelf, settings
):
    bad = busy_week(marketplace, shelf)["sales"]
    for day in range(5, 12):
        sell(marketplace, shelf, day)
    racers = [build_read_models(marketplace, settings) for _ in range(2)]
    try:
        for racer in racers:
            break_view(racer.views.sales, at(bad))
            racer.runner.batch_size = 3  # many batches, each claimed by one runner or the other
        barrier = threading.Barrier(2)
        errors = []

        def race(racer) -> None:
            try:
                barrier.wait()
                racer.runner.catch_up()
            except Exception as error:  # noqa: BLE001 (handed to the test thread)
                errors.append(error)

        threads = [threading.Thread(target=race, args=(r,)) for r in racers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        judge = racers[0]
        state = judge.runner.state()
        assert set(state.stops) == {"sales"} and state.stops["sales"].position == bad
        assert state.positions == {v: bad - 1 if v == "sales" else state.head for v in VIEW_NAMES}
        raced = rows_of(judge)
        for view in VIEW_NAMES:
            if view != "sales":
                rebuild(judge.runner, judge.views, view)
        assert rows_of(judge) == raced  # no event applied twice or skipped by either runner
    finally:
        for racer in racers:
            racer.close()


def test_a_rebuild_that_meets_the_same_bad_event_leaves_the_stopped_view_as_it_was(
    marketplace, shelf, models, monkeypatch
):
    bad = busy_week(marketplace, shelf)["shelves"]
    break_view(models.views.shelves, at(bad))
    models.refresh()
    before, stop = rows_of(models), models.runner.state().stops["shelves"]
    make_fresh = models.views.fresh

    def still_broken(name, suffix):  # the fix is not deployed yet
        view = make_fresh(name, suffix)
        break_view(view, at(bad))
        return view

    monkeypatch.setattr(models.views, "fresh", still_broken)
    with pytest.raises(RebuildFailed, match=f"shelves cannot apply event {bad} \\(Outlet.Sold\\)"):
        rebuild(models.runner, models.views, "shelves")
    assert rows_of(models) == before and models.runner.state().stops == {"shelves": stop}
