"""Developers: refresh the translation catalogues after changing user-visible strings.

    python -m explorer.qt.i18n            # lupdate explorer/qt and explorer/app into explorer_<lang>.ts,
                                          # then lrelease each .ts into explorer_<lang>.qm
    python -m explorer.qt.i18n --check    # change nothing; exit 1 when a .ts misses strings of the code,
                                          # has unfinished entries, or its .qm is not its compilation

After a refresh, translate the entries marked ``type="unfinished"`` in the .ts (Qt Linguist:
``pyside6-linguist explorer/qt/i18n/explorer_zh_CN.ts``, or by hand) and run this again to compile them.
Uses the ``lupdate`` / ``lrelease`` that come with the installed PySide6 (``pyside6-lupdate`` /
``pyside6-lrelease``); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from . import CATALOGUE, I18N_DIR, LANGUAGE_NAMES, SOURCE_LANGUAGE

QT_DIR = I18N_DIR.parent  # explorer/qt and explorer/app: every file with user-visible strings
APP_DIR = QT_DIR.parent / "app"
TRANSLATED = [lang for lang in LANGUAGE_NAMES if lang != SOURCE_LANGUAGE]


def source_files() -> list[Path]:
    files = [*QT_DIR.rglob("*.py"), *APP_DIR.rglob("*.py")]
    return sorted(p for p in files if I18N_DIR not in p.parents and "__pycache__" not in p.parts)


def _tool(name: str) -> list[str]:
    """The command running PySide6's ``lupdate`` or ``lrelease`` (the pyside6-* wrapper of this Python)."""
    wrapper = Path(sys.executable).with_name(f"pyside6-{name}")
    if wrapper.is_file():
        return [str(wrapper)]
    if importlib.util.find_spec("PySide6.scripts.pyside_tool") is None:
        found = shutil.which(f"pyside6-{name}")
        if found:
            return [found]
        raise SystemExit(f"error: pyside6-{name} not found (install PySide6, which ships it)")
    return [
        sys.executable,
        "-c",
        f"import sys; from PySide6.scripts.pyside_tool import {name}; sys.argv[0] = 'pyside6-{name}'; "
        f"sys.exit({name}())",
    ]


def _run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd[:1])} failed:\n{proc.stdout}{proc.stderr}")
    return proc.stdout + proc.stderr


def lupdate(ts: Path, lang: str) -> str:
    """Merge the strings of the code into ``ts`` (created when missing); vanished strings are dropped."""
    return _run(
        [
            *_tool("lupdate"),
            "-no-obsolete",
            "-source-language",
            SOURCE_LANGUAGE,
            "-target-language",
            lang,
            *map(str, source_files()),
            "-ts",
            str(ts),
        ]
    )


def lrelease(ts: Path, qm: Path) -> str:
    return _run([*_tool("lrelease"), "-nounfinished", "-removeidentical", str(ts), "-qm", str(qm)])


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry that still needs a translation."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                    continue
                out.append((name, msg.findtext("source") or ""))
    return out


def messages(ts: Path) -> set[tuple[str, str]]:
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in ET.parse(ts).getroot().iter("context")
        for msg in ctx.iter("message")
        if (
            msg.find("translation") is None
            or msg.find("translation").get("type") not in ("obsolete", "vanished")
        )
    }


def check(lang: str) -> list[str]:
    """Problems of ``lang``'s catalogue: strings of the code missing from the .ts, unfinished entries, a .qm
    that is not the compilation of the .ts. Changes nothing."""
    ts, qm = I18N_DIR / f"{CATALOGUE}_{lang}.ts", I18N_DIR / f"{CATALOGUE}_{lang}.qm"
    if not ts.is_file():
        return [f"{ts.name} is missing"]
    problems = []
    with tempfile.TemporaryDirectory(prefix="w2v-i18n-") as tmp:
        fresh = Path(tmp) / ts.name
        shutil.copyfile(ts, fresh)
        lupdate(fresh, lang)
        missing = messages(fresh) - messages(ts)
        problems += [f"not in {ts.name}: [{c}] {s!r}" for c, s in sorted(missing)]
        problems += [
            f"untranslated in {ts.name}: [{c}] {s!r}" for c, s in unfinished(fresh) if (c, s) not in missing
        ]
        built = Path(tmp) / qm.name
        lrelease(ts, built)
        if not qm.is_file() or qm.read_bytes() != built.read_bytes():
            problems.append(f"{qm.name} is not the compilation of {ts.name}: run python -m explorer.qt.i18n")
    return problems


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m explorer.qt.i18n",
        description="Refresh (or --check) the translation catalogues of the explorer.",
    )
    p.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when a catalogue is out of date"
    )
    p.add_argument("--lang", choices=TRANSLATED, action="append", help="only this language (repeatable)")
    args = p.parse_args(argv)
    status = 0
    for lang in args.lang or TRANSLATED:
        ts, qm = I18N_DIR / f"{CATALOGUE}_{lang}.ts", I18N_DIR / f"{CATALOGUE}_{lang}.qm"
        if args.check:
            problems = check(lang)
            for line in problems:
                print(line)
            print(f"{lang}: {'out of date' if problems else 'up to date'}")
            status = status or (1 if problems else 0)
            continue
        print(lupdate(ts, lang).strip())
        todo = unfinished(ts)
        print(lrelease(ts, qm).strip())
        if todo:
            print(
                f'{lang}: {len(todo)} entries still need a translation (type="unfinished" in {ts.name}); '
                f"they show in English until translated"
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
