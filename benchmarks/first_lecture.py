"""Does the model visibly learn in the first epoch? The "first lecture" settings measured on every preset.

For every preset × CBOW/skip-gram × softmax/hs/ns × mode × seed, from the lecture settings
(:func:`explorer.app.lecture_settings.lecture_config`; η from its table, or each η of ``--grid``), through the
engine's compiled fast-forward (the steps the app's Play runs) and the exact training-set E
(:func:`explorer.engine.loss.dataset_loss`), it prints per setting the worst case over presets and seeds of

- ``E1/E0``   exact training-set E after epoch 1 ÷ at step 0 (criterion 1: ≤ EPOCH1_MAX_RATIO); ``median``
  the median of it over presets and seeds
- ``later``   the largest mean E of epochs 2..20 ÷ epoch 1's mean E (criterion 2: < 1)
- ``E20/E0``  exact training-set E after 20 epochs ÷ at step 0 (criterion 3: no blow-up and < 1)
- ``fifth``   mean E of the last fifth of epoch 1's steps ÷ the first fifth (the per-step curve; not a
  criterion: ``fifth@η→0`` is the same ratio without any learning, i.e. the corpus order alone)

and whether the setting passes. ``--default`` adds the app's default settings (init by mode, η 0.1) for
comparison.

    python benchmarks/first_lecture.py                     # the chosen settings, seeds 1-10
    python benchmarks/first_lecture.py --grid 0.05,0.1,0.15,0.2,0.25,0.3,0.4,0.5,0.7   # how the η were chosen
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.app import lecture_settings as ls  # noqa: E402
from explorer.engine.config import APP_DEFAULTS, ARCHS, MODES, OUTPUTS, Config  # noqa: E402
from explorer.engine.fast import fast_forward  # noqa: E402
from explorer.engine.loss import dataset_loss  # noqa: E402
from explorer.engine.model import Model  # noqa: E402
from explorer.engine.presets import list_presets, preset_text  # noqa: E402

INF = float("inf")


def measure(text: str, config: Config, epochs: int = ls.CHECK_EPOCHS) -> dict:
    """The figures above for one corpus and configuration."""
    model = Model.from_text(text, config)
    start = model.stream.epoch_start
    L1, f = start(1), max(1, start(1) // 5)
    p = model.init_params()
    e0 = dataset_loss(model, p)
    still = fast_forward(model, p.copy(), 1, L1, base_lr=1e-300)  # the same steps without learning
    fifth0 = still.losses[L1 - f : L1].mean() / still.losses[:f].mean()
    one = fast_forward(model, p, 1, L1)
    if one.blowup_step is not None:
        return dict(e1=INF, later=INF, e20=INF, fifth=INF, fifth0=fifth0, blowup=True)
    e1 = dataset_loss(model, p)
    fifth = one.losses[L1 - f :].mean() / one.losses[:f].mean()
    rest = fast_forward(model, p, L1 + 1, start(epochs) - L1)
    if rest.blowup_step is not None:
        return dict(e1=e1 / e0, later=INF, e20=INF, fifth=fifth, fifth0=fifth0, blowup=True)
    mean1 = one.losses.mean()
    later = max(rest.losses[start(e) - L1 : start(e + 1) - L1].mean() for e in range(1, epochs)) / mean1
    e20 = dataset_loss(model, p)
    return dict(e1=e1 / e0, later=later, e20=e20 / e0, fifth=fifth, fifth0=fifth0, blowup=False)


def passes(r: dict) -> bool:
    """The criterion of :mod:`explorer.app.lecture_settings`."""
    return not r["blowup"] and r["e1"] <= ls.EPOCH1_MAX_RATIO and r["later"] < 1.0 and r["e20"] < 1.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10, help="seeds 1..S (default 10)")
    ap.add_argument("--grid", help="comma-separated η to try instead of the chosen ones")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--default", action="store_true", help="also the app's default settings")
    a = ap.parse_args(argv)
    presets = list_presets()
    seeds = range(1, a.seeds + 1)
    grid = [float(x) for x in a.grid.split(",")] if a.grid else None
    t0 = time.perf_counter()
    print(
        f"presets {', '.join(presets)}; seeds 1-{a.seeds}; init {ls.LECTURE_INIT!r}: W, W' uniform in "
        f"[-2/sqrt(N), 2/sqrt(N)); worst case over presets and seeds"
    )
    head = (
        f"{'mode':9} {'arch':8} {'output':7} {'settings':10} {'eta':>5} {'E1/E0':>6} {'median':>6} "
        f"{'later':>6} {'E20/E0':>7} {'fifth':>11} {'fifth@eta->0':>12}  pass E1/E0 worst on"
    )
    print(head)
    print("-" * len(head))
    all_ok = True
    for mode, arch, output in itertools.product(a.modes.split(","), ARCHS, OUTPUTS):
        base = APP_DEFAULTS.replace(mode=mode, arch=arch, output=output)
        rows = []
        if a.default:
            rows.append(("default", base.replace(epochs=ls.LECTURE_EPOCHS)))
        lecture = ls.lecture_config(base)
        for lr in grid if grid else [lecture.lr]:
            rows.append(("lecture", lecture.replace(lr=lr)))
        for label, cfg in rows:
            runs = [(p, measure(preset_text(p), cfg.replace(seed=s))) for p in presets for s in seeds]
            rs = [r for _, r in runs]
            worst_at = max(runs, key=lambda pr: pr[1]["e1"])[0]
            ok = all(passes(r) for r in rs)
            if label == "lecture" and not grid:
                all_ok &= ok
            worst = {k: max(r[k] for r in rs) for k in ("e1", "later", "e20")}
            fifth = [r["fifth"] for r in rs]
            fifth0 = [r["fifth0"] for r in rs]
            print(
                f"{mode:9} {arch:8} {output:7} {label:10} {cfg.lr:5.2f} {min(worst['e1'], 99):6.3f} "
                f"{float(np.median([r['e1'] for r in rs])):6.3f} "
                f"{min(worst['later'], 99):6.3f} {min(worst['e20'], 99):7.3f} "
                f"{min(fifth):5.2f}-{min(max(fifth), 99):5.2f} {min(fifth0):5.2f}-{max(fifth0):6.2f}  "
                f"{'yes' if ok else 'NO':4} {worst_at}"
                + (f" ({sum(r['blowup'] for r in rs)} blow-ups)" if any(r["blowup"] for r in rs) else ""),
                flush=True,
            )
    print(f"({time.perf_counter() - t0:.1f} s)")
    if not grid:
        print("every chosen setting passes" if all_ok else "SOME CHOSEN SETTING FAILS")
    return 0 if all_ok or grid else 1


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(main())
