"""Starting the desktop explorer, and ``--screenshot``: render the window offscreen to a PNG and exit.

``run_app(args)`` takes the top-level options of :mod:`explorer.cli.main` (``--preset``, ``--corpus``,
``--arch``, ``--output``, ``--steps``, ``--presentation``, ``--lang``, ``--screenshot``). A bad option is
reported in one line (``error: ...``, exit status 2); so is starting without a display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..engine.corpus import read_text_file
from ..engine.presets import preset_text
from ..errors import ExplorerError

DEFAULT_PRESET = "royalty"
SCREENSHOT_SIZE = (1600, 1000)
#: Qt platforms that need no display server
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def _fail(message: str, status: int = 2) -> int:
    print(f"error: {message}", file=sys.stderr)
    return status


def _has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform:
        return True  # the user chose a platform; trust it
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows, macOS: there is always a screen session


def _missing_xcb_libraries() -> list[str]:
    """System libraries Qt's xcb platform plugin needs but cannot find (Linux with X11 only).

    Without them Qt aborts with a page of text; we say it in one line instead. Empty when the check does not
    apply or cannot be made.
    """
    if not sys.platform.startswith("linux") or os.environ.get("WAYLAND_DISPLAY"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb").split(":")[0] != "xcb" or not os.environ.get("DISPLAY"):
        return []
    import shutil
    import subprocess

    try:
        import PySide6
    except ImportError:
        return []
    plugin = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if not plugin.is_file() or ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line})


def _initial_session(args):
    """The session to start with, from the options (validated before Qt starts)."""
    from ..session import Session
    from .setup_panel import GUI_DEFAULTS

    preset = getattr(args, "preset", None)
    corpus = getattr(args, "corpus", None)
    if preset and corpus:
        raise ExplorerError("give --preset or --corpus, not both")
    if corpus:
        text, name = read_text_file(corpus), Path(corpus).stem
    else:
        name = preset or DEFAULT_PRESET
        text = preset_text(name)
    changes = {}
    if getattr(args, "arch", None):
        changes["arch"] = args.arch
    if getattr(args, "output", None):
        changes["output"] = args.output
    config = GUI_DEFAULTS.replace(**changes)
    return Session(text, config, "auto", name=name), (None if corpus else name)


def _install_language(app, lang: str | None, settings) -> None:
    """The interface language: ``--lang``, else the one chosen in the Language menu (``settings``; none for
    screenshots), else the system locale's."""
    from . import i18n

    lang = lang or i18n.saved_language(settings) or i18n.default_language()
    if not i18n.install_translator(app, lang):
        print(
            f"warning: the {lang} translations are missing ({i18n.catalogue_path(lang).name}); "
            f"the interface is in English",
            file=sys.stderr,
        )


def parse_size(text: str) -> tuple[int, int] | None:
    """``"1280x720"`` → ``(1280, 720)``; ``None`` when it is not WIDTHxHEIGHT with each side 320 to 8000."""
    parts = str(text).lower().replace("\u00d7", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    w, h = (int(p) for p in parts)
    return (w, h) if 320 <= w <= 8000 and 320 <= h <= 8000 else None


def run_app(args) -> int:
    screenshot = getattr(args, "screenshot", None)
    steps = getattr(args, "steps", 0) or 0
    lang = getattr(args, "lang", None)
    error = _check_arguments(args, screenshot, steps)
    if error is not None:
        return error
    if lang is not None:
        from .i18n import known_languages, normalize_language

        if normalize_language(lang) is None:
            return _fail(f"unknown language {lang!r} (choose {', '.join(known_languages())})")
        lang = normalize_language(lang)
    error = _prepare_platform(screenshot)
    if error is not None:
        return error
    try:
        session, preset = _initial_session(args)
    except ExplorerError as exc:
        return _fail(str(exc), exc.exit_status)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from . import style
    from .main_window import APPLICATION, ORGANIZATION

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "w2v-explorer"])
    # screenshots have a fixed look: the user's saved language does not count, only --lang and the locale
    _install_language(app, lang, None if screenshot else QSettings(ORGANIZATION, APPLICATION))
    style.apply_theme(app, style.LIGHT)

    if screenshot:
        return _take_screenshot(app, args, session, preset, screenshot, steps)
    return _run_window(app, args, session, preset, steps)


def _check_arguments(args, screenshot, steps: int) -> int | None:
    """The exit status of a bad --steps / --size (``args.size`` becomes the parsed pair), else None."""
    if steps < 0:
        return _fail(f"--steps must be >= 0, got {steps}")
    size = getattr(args, "size", None)
    if size is not None:
        parsed = parse_size(size)
        if parsed is None:
            return _fail(
                f"--size needs WIDTHxHEIGHT in pixels (each 320 to 8000), e.g. 1280x720; got {size!r}"
            )
        if not screenshot:
            return _fail("--size is for --screenshot (a window on screen is sized by the user)")
        args.size = parsed
    return None


def _prepare_platform(screenshot) -> int | None:
    """Check the screenshot's file name or the display (and Qt's X11 libraries) before Qt starts; for a
    screenshot, choose the offscreen platform. The exit status of a failed check, else None."""
    if screenshot:
        shot = Path(screenshot)
        if shot.suffix.lower() != ".png":
            return _fail(f"--screenshot needs a .png file name, got {screenshot!r}")
        if not shot.parent.exists() and str(shot.parent) not in ("", "."):
            return _fail(f"cannot write {screenshot!r}: folder {str(shot.parent)!r} does not exist")
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    elif not _has_display():
        return _fail(
            "no display found (DISPLAY and WAYLAND_DISPLAY are not set); to render the window "
            "without one, use --screenshot FILE.png"
        )
    else:
        missing = _missing_xcb_libraries()
        if missing:
            return _fail(
                f"Qt's X11 plugin cannot load: missing system libraries {', '.join(missing)} (on Debian "
                f"or Ubuntu: apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1); to render "
                f"without a display, use --screenshot FILE.png"
            )
    return None


def _take_screenshot(app, args, session, preset, screenshot, steps: int) -> int:
    """Render the window offscreen after ``steps`` steps and save it as ``screenshot`` (a PNG)."""
    # a fixed look: no saved layout, the default size, the default theme (or presentation mode)
    import tempfile

    from PySide6.QtCore import QSettings

    from .main_window import MainWindow

    tmp = tempfile.TemporaryDirectory(prefix="w2v-screenshot-")  # never the user's settings
    settings = QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings=settings, restore_layout=False)
    window.setup_panel.show_session(session, preset)
    window.resize(*(getattr(args, "size", None) or SCREENSHOT_SIZE))
    if getattr(args, "presentation", False):
        window.set_presentation(True)
    window.show()
    _settle(app, 150)
    if steps:
        try:
            session.step_forward(steps)
        except ExplorerError as exc:
            window.close()
            return _fail(str(exc), exc.exit_status)
    _settle(app, 300)
    window.bridge.flush()
    window.repaint()
    _settle(app, 100)
    image = window.grab()
    ok = image.save(str(screenshot), "PNG")
    window.close()
    _settle(app, 0)
    del settings
    tmp.cleanup()
    if not ok:
        return _fail(f"cannot write {screenshot!r}")
    return 0


def _run_window(app, args, session, preset, steps: int) -> int:
    """Show the window on screen (autosaved, with the saved look) and run Qt's event loop."""
    from .main_window import MainWindow

    window = MainWindow(session)
    window.setup_panel.show_session(session, preset)
    _start_autosave(window)
    if getattr(args, "presentation", False) or window.settings.value("view/presentation") in (True, "true"):
        window.set_presentation(True)
    if window.settings.value("view/dark") in (True, "true"):
        window.set_dark(True)
    if steps:
        try:
            session.step_forward(steps)
        except ExplorerError as exc:
            window.show_blowup(str(exc))
    window.show()
    return app.exec()


def _start_autosave(window) -> None:
    """Offer the session of an explorer that was killed, then autosave this one."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from .autosave import Autosaver

    translate = QCoreApplication.translate

    saver = Autosaver(window)
    for orphan in saver.crashed_sessions():  # newest first; the first one accepted is restored
        answer = QMessageBox.question(
            window,
            translate("MainWindow", "Restore session?"),
            translate(
                "MainWindow",
                "The explorer did not close normally last time. Restore the session it was working on?",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            saver.discard(orphan)
            continue
        restored = saver.restore(orphan)
        if restored is not None:
            window.set_session(restored)
            window.show_message(
                translate("MainWindow", "Restored the autosaved session at step {step}").format(
                    step=restored.step
                )
            )
            break
    window.autosaver = saver
    saver.start()


def _settle(app, ms: int) -> None:
    """Let Qt lay out and paint for about ``ms`` milliseconds."""
    import time

    from PySide6.QtCore import QEventLoop

    end = time.perf_counter() + ms / 1000
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    app.processEvents()
