"""The session's history is exact: any sequence of actions ends where a straight replay ends, bit for bit.

The reference is always a fresh model stepping from the initial parameters with ``Model.compute`` /
``Model.apply`` at the session's learning-rate schedule — also for steps the session fast-forwarded: both
paths run the one compiled step, so they agree bit for bit.
"""

import itertools

import numpy as np
import pytest
from conftest import ROYAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.engine import Config, Model
from explorer.engine.loss import dataset_loss
from explorer.engine.model import PHASES
from explorer.errors import BlowUpError, ConfigError, ExplorerError
from explorer.session import Session
from explorer.session.history import Checkpoints, LrSchedule, RecordCache
from explorer.session.session import FAST_THRESHOLD

CONFIGS = [
    dict(arch=a, output=o, mode=m)
    for a, o, m in itertools.product(("cbow", "skipgram"), ("softmax", "hs", "ns"), ("paper", "reference"))
]
IDS = [f"{c['arch']}-{c['output']}-{c['mode']}" for c in CONFIGS]


def config(**kw) -> Config:
    kw.setdefault("hidden", 4)
    kw.setdefault("window", 2)
    kw.setdefault("negative", 3)
    kw.setdefault("epochs", 3)
    return Config(**kw)


def small_session(cfg: Config, tiny: bool = True) -> Session:
    """A session with tiny stores, so replay from checkpoints and cache eviction happen all the time."""
    if tiny:
        return Session(ROYAL, cfg, record_budget=60_000, checkpoint_interval=7, checkpoint_budget=3_000)
    return Session(ROYAL, cfg)


def replay(session: Session, upto: int | None = None):
    """Straight replay of steps 1..upto (default furthest) on a fresh model.

    Returns (states: list of Params after each step 0..upto, records: list of records 1..upto).
    """
    upto = session.furthest if upto is None else upto
    model = Model.from_text(ROYAL, session.config)
    p = model.init_params()
    assert p.equals(session.initial)
    states, recs = [p.copy()], []
    for s in range(1, upto + 1):
        rec = model.compute(p, s, session.schedule.at(s))
        recs.append(rec)
        model.apply(p, rec)
        states.append(p.copy())
    return states, recs


def assert_matches_replay(session: Session) -> None:
    states, recs = replay(session)
    expected = states[session.step].copy()
    if session.pending is not None:
        want = (
            recs[session.step]
            if session.step < session.furthest
            else Model.from_text(ROYAL, session.config).compute(
                expected, session.step + 1, session.schedule.at(session.step + 1)
            )
        )
        assert session.pending.step == session.step + 1
        assert session.pending.out_after.tobytes() == want.out_after.tobytes()
        assert session.pending.in_after.tobytes() == want.in_after.tobytes()
        if session.phase_index >= 2:
            Model.apply(expected, want, "out")
    assert session.params.W.tobytes() == expected.W.tobytes()
    assert session.params.W_out.tobytes() == expected.W_out.tobytes()
    # the loss and lr series are those of the replayed records
    losses = np.array([r.loss for r in recs])
    lrs = np.array([r.lr for r in recs])
    assert session.loss_series().tobytes() == losses.tobytes()
    assert session.lrs.view()[: session.furthest].tobytes() == lrs.tobytes()
    # epoch 0: the training-set loss at the start; epoch e: the mean E of its replayed steps
    model = session.model
    steps, values = session.epoch_loss_series()
    assert steps[0] == 0 and values[0] == dataset_loss(model, states[0])
    for e, (s, v) in enumerate(zip(steps.tolist(), values.tolist())):
        if e:
            assert v == float(np.mean(losses[model.stream.epoch_start(e - 1) : s]))
    # epoch ends reached so far all have a loss
    e = 1
    while model.stream.epoch_start(e) <= session.furthest:
        assert e in session.epoch_losses
        e += 1


OPS = st.one_of(
    st.tuples(st.just("step"), st.integers(1, 12)),
    st.tuples(st.just("undo"), st.integers(1, 6)),
    st.tuples(st.just("redo"), st.integers(1, 6)),
    st.tuples(st.just("seek"), st.floats(0, 1)),
    st.tuples(st.just("set_lr"), st.sampled_from([0.05, 0.3, 1.0])),
    st.tuples(st.just("sub_step"), st.integers(1, 5)),
    st.tuples(st.just("sub_step_back"), st.integers(1, 5)),
    st.tuples(st.just("run"), st.integers(1, 40)),
)


def apply_ops(session: Session, ops) -> None:
    for op, arg in ops:
        if op == "step":
            session.step_forward(arg)
        elif op == "undo":
            for _ in range(arg):
                session.undo()
        elif op == "redo":
            for _ in range(arg):
                session.redo()
        elif op == "seek":
            session.seek(int(round(arg * session.furthest)))
        elif op == "set_lr":
            session.set_lr(arg)
        elif op == "sub_step":
            for _ in range(arg):
                session.sub_step()
        elif op == "sub_step_back":
            for _ in range(arg):
                session.sub_step_back()
        elif op == "run":
            assert arg < FAST_THRESHOLD
            session.run(arg)


@pytest.mark.parametrize("cfg", CONFIGS, ids=IDS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=14), tiny=st.booleans())
def test_any_action_sequence_equals_a_straight_replay(cfg, ops, tiny):
    session = small_session(config(**cfg), tiny)
    apply_ops(session, ops)
    assert_matches_replay(session)
    if tiny:
        assert session.records.nbytes <= session.records.budget or len(session.records) == 1
        assert session.checkpoints.nbytes <= session.checkpoints.budget or len(session.checkpoints) <= 2


@pytest.mark.parametrize("cfg", CONFIGS, ids=IDS)
def test_fast_runs_replay_exactly_after_undo_seek_and_sub_steps(cfg):
    """Fast-forwarded steps equal recorded ones bit for bit: states, losses and regenerated records."""
    c = config(**cfg)
    s = Session(ROYAL, c, checkpoint_interval=50)
    s.step_forward(30)
    r = s.run(FAST_THRESHOLD + 100)
    assert r.steps_done == FAST_THRESHOLD + 100 and r.blowup is None
    s.step_forward(5)
    P, L = s.params.copy(), s.loss_series().copy()
    states, recs = replay(s)
    assert states[-1].equals(P)
    assert L.tobytes() == np.array([r.loss for r in recs]).tobytes()
    for k in (31, 32, 150, 330):  # records regenerated inside the fast-forwarded range
        assert s.record_at(k).to_json() == recs[k - 1].to_json()
    for k in (0, 31, 100, 163, 329, 330, 331, s.furthest, 57, 300):
        s.seek(k)
        assert s.params.equals(states[k]), k
    s.seek(200)
    for _ in range(3):
        s.undo()
    for _ in range(2):
        s.redo()
    for _ in range(5):
        s.sub_step_back()  # back into step 199's phases, then 198's
    assert s.pending is not None
    for _ in range(5):
        s.sub_step()
    assert s.step == 199 and s.pending is None
    assert s.params.equals(states[199])
    s.seek(s.furthest)
    assert s.params.equals(P)
    assert np.array_equal(s.loss_series(), L)
    assert s.record_at(250).step == 250


def test_seek_to_every_step_with_tiny_stores():
    s = small_session(config(output="ns"))
    s.step_forward(90)
    states, recs = replay(s)
    order = np.random.default_rng(3).permutation(s.furthest + 1)
    for k in order.tolist():
        s.seek(k)
        assert s.step == k and s.params.equals(states[k])
    for k in (1, 45, 90):
        assert s.record_at(k).out_after.tobytes() == recs[k - 1].out_after.tobytes()


def test_stores_stay_within_small_budgets_over_a_long_run():
    rec_budget, ck_budget = 40_000, 20 * 2 * 4 * 15 * 8  # about 20 checkpoints of (15×4, 4×15) floats
    s = Session(ROYAL, config(), record_budget=rec_budget, checkpoint_interval=5, checkpoint_budget=ck_budget)
    for _ in range(30):
        s.step_forward(100)
        assert s.records.nbytes <= rec_budget and len(s.records) >= 1
        assert s.checkpoints.nbytes <= ck_budget
        assert s.checkpoints.steps()[0] == 0
    assert s.checkpoints.interval > 5  # the interval doubled to stay within the budget
    states, _ = replay(s)
    for k in (0, 1, 777, 1500, 2999, 3000):
        s.seek(k)
        assert s.params.equals(states[k])


def test_record_cache_and_checkpoints_units():
    c = Checkpoints(interval=2, budget_bytes=10**9)
    model = Model.from_text(ROYAL, config())
    p = model.init_params()
    for k in range(0, 9):
        c.add(k, p)
    assert c.steps() == [0, 2, 4, 6, 8]
    c.add(7, p, force=True)
    assert c.nearest_at_or_before(7)[0] == 7 and c.nearest_at_or_before(5)[0] == 4
    c.drop_after(5)
    assert c.steps() == [0, 2, 4] and len(c) == 3
    c.restore(4, [(0, p), (4, p), (8, p)])
    assert c.steps() == [0, 4, 8] and c.interval == 4
    rc = RecordCache(budget_bytes=1)
    rec = model.compute(p, 1)
    rc.put(rec)
    assert len(rc) == 1 and rc.get(1) is rec  # a single record is kept even over budget
    rc2 = RecordCache()
    for r in (model.compute(p, 3), model.compute(p, 8)):
        rc2.put(r)
    assert rc2.next_cached(1, 10) == 3 and rc2.next_cached(4, 10) == 8 and rc2.next_cached(4, 7) is None
    sch = LrSchedule(0.1)
    sch.set(5, 0.5)
    sch.set(9, 0.2)
    assert [sch.at(k) for k in (1, 4, 5, 8, 9, 100)] == [0.1, 0.1, 0.5, 0.5, 0.2, 0.2]
    sch.drop_after(6)
    assert sch.to_list() == [[1, 0.1], [5, 0.5]]


def test_new_step_after_undo_clears_redo():
    s = Session(ROYAL, config())
    s.step_forward(10)
    for _ in range(3):
        s.undo()
    assert s.step == 7 and s.furthest == 10 and s.can_redo()
    s.step_forward()
    assert s.step == 8 and s.furthest == 8 and not s.can_redo() and not s.redo()
    assert len(s.loss_series()) == 8
    assert_matches_replay(s)


def test_lr_change_is_part_of_the_history():
    s = Session(ROYAL, config())
    s.step_forward(5)
    s.set_lr(0.5)
    assert s.lr == 0.5
    s.step_forward(5)
    P = s.params.copy()
    assert s.record_at(5).lr == 0.1 and s.record_at(6).lr == 0.5
    for _ in range(7):
        s.undo()
    assert s.lr == 0.1
    for _ in range(7):
        s.redo()
    assert s.params.equals(P)
    s.seek(0)
    s.seek(10)
    assert s.params.equals(P)
    assert s.lrs.view()[:10].tolist() == [0.1] * 5 + [0.5] * 5
    assert_matches_replay(s)
    # changing the lr after undo discards the redo branch, including its lr change
    s.seek(3)
    s.set_lr(0.05)
    assert s.furthest == 3 and s.schedule.to_list() == [[1, 0.1], [4, 0.05]]
    with pytest.raises(ConfigError):
        s.set_lr(float("nan"))
    with pytest.raises(ConfigError):
        s.set_lr(0)


def test_sub_steps_walk_the_four_phases_forward_and_back():
    s = Session(ROYAL, config(output="hs"))
    s.step_forward(3)
    before = s.params.copy()
    shown = [s.sub_step() for _ in range(4)]
    assert shown == list(PHASES)
    assert s.step == 4 and s.pending is None and s.phase == PHASES[-1]
    after = s.params.copy()
    rec = s.record
    assert s.sub_step_back() == "output update"  # W back to before, W' still updated
    assert s.params.W.tobytes() == before.W.tobytes()
    assert s.params.W_out.tobytes() == after.W_out.tobytes()
    assert s.sub_step_back() == "error" and s.params.equals(before)
    assert s.sub_step_back() == "forward"
    assert s.sub_step_back() is None or s.pending is None
    assert s.step == 3 and s.furthest == 4
    assert s.step_forward() == 1 and s.params.equals(after) and s.record.step == rec.step
    # undo inside an example cancels it
    s.sub_step()
    s.sub_step()
    s.sub_step()
    assert s.undo() and s.pending is None and s.params.equals(after)


def test_sub_step_back_at_step_zero_and_redo_limits():
    s = Session(ROYAL, config())
    assert s.sub_step_back() is None and not s.undo() and not s.redo()
    with pytest.raises(ExplorerError):
        s.seek(1)
    with pytest.raises(ExplorerError):
        s.record_at(1)


def test_iter_records_and_state_at_match_record_at():
    s = small_session(config(arch="skipgram", output="ns"))
    s.step_forward(40)
    s.seek(13)
    recs = list(s.iter_records(5, 40))
    assert [r.step for r in recs] == list(range(5, 41))
    states, want = replay(s)
    for r in recs:
        assert r.out_after.tobytes() == want[r.step - 1].out_after.tobytes()
    assert s.state_at(27).equals(states[27]) and s.step == 13 and s.params.equals(states[13])
    with pytest.raises(ExplorerError):
        list(s.iter_records(0, 3))
    with pytest.raises(ExplorerError):
        list(s.iter_records(5, 41))


def test_epoch_loss_series_and_truncation():
    s = Session(ROYAL, config(arch="cbow"))
    n = s.steps_per_epoch()
    s.step_forward(2 * n + 3)
    steps, values = s.epoch_loss_series()
    assert steps.tolist() == [0, n, 2 * n] and values[1] < values[0]
    s.seek(n + 1)
    s.step_forward()  # a new branch: the epoch-2 loss is forgotten
    steps, _ = s.epoch_loss_series()
    assert steps.tolist() == [0, n]
    assert_matches_replay(s)


def test_run_epoch_run_until_loss_and_cancel():
    s = Session(ROYAL, config())
    n = s.steps_per_epoch()
    r = s.run_epoch()
    assert r.steps_done == n and s.step == n and 1 in s.epoch_losses
    target = s.epoch_losses[1] - 1e-3
    r = s.run_until_loss(target, max_epochs=2)
    assert r.steps_done % n == 0 and r.steps_done <= 2 * n
    seen = []

    def progress(done, total):
        seen.append(done)
        s.cancel()

    r = s.run(150, progress)
    assert r.cancelled and r.steps_done == 50 and seen == [50]


def test_blow_up_stops_before_the_step_and_changes_nothing():
    s = Session(ROYAL, config(lr=50.0, output="softmax"))
    events = []
    s.subscribe(events.append)
    with pytest.raises(BlowUpError) as info:
        s.step_forward(10_000)
    k = info.value.step
    assert s.step == k - 1 and s.furthest == k - 1 and "state" in events
    assert str(info.value).startswith(f"step {k}: ") and str(info.value).endswith("at lr 50")
    assert_matches_replay(s)
    # the fast path stops at the same step
    t = Session(ROYAL, config(lr=50.0, output="softmax"))
    r = t.run(10_000)
    assert r.blowup is not None and r.blowup.step == k and t.step == k - 1
    assert str(r.blowup) == str(info.value)


def test_events_reach_listeners():
    s = Session(ROYAL, config())
    events = []
    s.subscribe(events.append)
    s.step_forward()
    s.set_lr(0.2)
    s.run(3)
    s.unsubscribe(events.append)
    s.step_forward()
    assert events == ["state", "lr", "state", "run", "state"]


def test_bookmarks():
    s = Session(ROYAL, config())
    s.step_forward(4)
    s.add_bookmark("  four   steps ")
    s.step_forward(4)
    s.add_bookmark("")
    assert s.bookmarks == [("four steps", 4), ("step 8", 8)]
    s.goto_bookmark("four steps")
    assert s.step == 4
    s.remove_bookmark("step 8")
    with pytest.raises(ExplorerError):
        s.goto_bookmark("step 8")


def test_an_old_session_file_with_fast_steps_still_loads(tmp_path):
    """Files written before records and fast-forward shared one step list the fast-forwarded steps; the
    member is checked and ignored (every step is now replayed by the one compiled step)."""
    import json
    import zipfile

    s = Session(ROYAL, config(output="ns"), checkpoint_interval=50)
    s.run(FAST_THRESHOLD + 40)
    s.step_forward(3)
    s.save(tmp_path / "new.w2vx")
    with zipfile.ZipFile(tmp_path / "new.w2vx") as z:
        items = {n: z.read(n) for n in z.namelist()}
    meta = json.loads(items["session.json"])
    assert "fast_steps" not in meta
    meta["fast_steps"] = [[1, FAST_THRESHOLD + 40]]
    items["session.json"] = json.dumps(meta).encode()
    with zipfile.ZipFile(tmp_path / "old.w2vx", "w") as z:
        for n, d in items.items():
            z.writestr(n, d)
    t = Session.load(tmp_path / "old.w2vx")
    assert t.params.equals(s.params) and t.step == s.step == FAST_THRESHOLD + 43
    t.seek(FAST_THRESHOLD // 2)
    t.seek(t.furthest)
    assert t.params.equals(s.params)
    assert not hasattr(t, "fast_steps")


def test_construction_reports_progress_and_the_loss_figures_say_what_they_are():
    seen = []
    s = Session(ROYAL, config(output="hs"), progress=lambda stage, f: seen.append((stage, f)))
    fr = [f for _, f in seen]
    assert fr == sorted(fr) and fr[0] == 0.0 and fr[-1] == 1.0 and all(isinstance(st, str) for st, _ in seen)
    # epoch 0: the training-set E at the start; after an epoch: the mean E of its steps
    assert s.epoch_losses[0] == s.training_set_loss() == dataset_loss(s.model, s.initial)
    n = s.steps_per_epoch()
    s.run(n)
    assert s.epoch_losses[1] == float(np.mean(s.loss_series()[:n]))
    assert s.training_set_loss() == dataset_loss(s.model, s.params) != s.epoch_losses[1]
    assert s.training_set_loss(0) == s.epoch_losses[0]
