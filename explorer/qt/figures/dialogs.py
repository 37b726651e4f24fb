"""File ▸ Export figure… and File ▸ Export animation…: the dialogs, and the two actions that open them.

:func:`install_export_actions` adds both actions to a window's File menu (one call from the window);
:func:`export_figure` and :func:`export_animation` do the work without a dialog (tests and scripts call
them). The last choices (panels, format, size, scale, look, range, frame rate) are remembered in the
window's ``QSettings`` under ``export/``. Errors are shown by the window in one line; nothing is written
half-way (atomic files), and a cancelled animation writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...engine.params import atomic_file
from ...errors import ExplorerError
from . import spec as S

# translate("Figures", "..."): the dialogs' text in the interface language (lupdate finds these calls)
translate = QCoreApplication.translate


def _bool(value, default: bool) -> bool:
    if value is None:
        return default
    return value in (True, "true", "1", 1)


class _ExportDialog(QDialog):
    """The choices both dialogs share: panels, format, size, scale, look."""

    key = "export/figure"
    formats = S.FIGURE_FORMATS

    def __init__(self, window, title: str):
        super().__init__(window)
        self.window_ = window
        self.settings = window.settings
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        lay.addLayout(form)
        from .panels import panel_names, panel_title

        self.panel_list = QListWidget()
        chosen = str(self._get("panels", "network")).split(",")
        names = [n for n in chosen if n in panel_names()] + [n for n in panel_names() if n not in chosen]
        titles = {v.name: panel_title(v) for v in getattr(window, "views", [])}
        for n in names:
            it = QListWidgetItem(titles.get(n, n))
            it.setData(Qt.ItemDataRole.UserRole, n)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
            it.setCheckState(Qt.CheckState.Checked if n in chosen else Qt.CheckState.Unchecked)
            self.panel_list.addItem(it)
        self.panel_list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.panel_list.setToolTip(
            translate("Figures", "Tick the panels to draw; drag to change their order")
        )
        self.panel_list.setMaximumHeight(190)
        form.addRow(translate("Figures", "Panels:"), self.panel_list)

        self.format_box = QComboBox()
        for f in self.formats:
            self.format_box.addItem(f.upper(), f)
        i = self.format_box.findData(self._get("format", self.formats[0]))
        self.format_box.setCurrentIndex(max(0, i))
        form.addRow(translate("Figures", "Format:"), self.format_box)

        size = QWidget()
        row = QHBoxLayout(size)
        row.setContentsMargins(0, 0, 0, 0)
        self.w_box, self.h_box = QSpinBox(), QSpinBox()
        for box, lo, hi, v in (
            (self.w_box, S.MIN_SIZE[0], S.MAX_SIZE[0], self._get("width", S.DEFAULT_SIZE[0])),
            (self.h_box, S.MIN_SIZE[1], S.MAX_SIZE[1], self._get("height", S.DEFAULT_SIZE[1])),
        ):
            box.setRange(lo, hi)
            box.setValue(int(v))
            box.setSuffix(" px")
            row.addWidget(box)
        form.addRow(translate("Figures", "Size (width × height):"), size)
        self.scale_box = QDoubleSpinBox()
        self.scale_box.setRange(*S.SCALE_RANGE)
        self.scale_box.setSingleStep(0.25)
        self.scale_box.setValue(float(self._get("scale", 1.0)))
        self.scale_box.setToolTip(
            translate("Figures", "Draw the content this many times larger on the same picture")
        )
        form.addRow(translate("Figures", "Scale:"), self.scale_box)
        self.presentation_box = QCheckBox(
            translate("Figures", "Presentation look (large fonts, thick lines)")
        )
        self.presentation_box.setChecked(_bool(self._get("presentation", None), False))
        self.current_theme_box = QCheckBox(
            translate("Figures", "Use the window's current theme (else the light theme)")
        )
        self.current_theme_box.setChecked(_bool(self._get("current_theme", None), False))
        self.highlight_box = QCheckBox(translate("Figures", "Show the guided walk's highlight"))
        self.highlight_box.setChecked(_bool(self._get("highlight", None), False))
        for box in (self.presentation_box, self.current_theme_box, self.highlight_box):
            form.addRow("", box)
        self.form = form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout().addWidget(self.buttons)

    def _get(self, name, default):
        v = self.settings.value(f"{self.key}/{name}")
        return default if v is None else v

    def panels(self) -> tuple:
        out = []
        for i in range(self.panel_list.count()):
            it = self.panel_list.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(it.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def fmt(self) -> str:
        return self.format_box.currentData()

    def figure_spec(self) -> S.FigureSpec:
        """The choices as a spec (``ExplorerError`` when they do not make one, e.g. no panel ticked)."""
        size = S.parse_size((self.w_box.value(), self.h_box.value()))
        w = self.window_
        dark = self.current_theme_box.isChecked() and bool(
            getattr(getattr(w, "act_dark", None), "isChecked", lambda: False)()
        )
        highlight = frozenset(w.bridge.highlight) if self.highlight_box.isChecked() else frozenset()
        return S.FigureSpec(
            panels=S.parse_panels(self.panels()),
            size=size,
            scale=S.check_scale(self.scale_box.value(), size),
            presentation=self.presentation_box.isChecked(),
            dark=dark,
            highlight=highlight,
        )

    def remember(self) -> None:
        s = self.settings
        for name, value in (
            ("panels", ",".join(self.panels())),
            ("format", self.fmt()),
            ("width", self.w_box.value()),
            ("height", self.h_box.value()),
            ("scale", self.scale_box.value()),
            ("presentation", self.presentation_box.isChecked()),
            ("current_theme", self.current_theme_box.isChecked()),
            ("highlight", self.highlight_box.isChecked()),
        ):
            s.setValue(f"{self.key}/{name}", value)


class FigureDialog(_ExportDialog):
    key = "export/figure"
    formats = S.FIGURE_FORMATS

    def __init__(self, window):
        super().__init__(window, translate("Figures", "Export figure"))
        self.finish_layout()


class AnimationDialog(_ExportDialog):
    key = "export/animation"
    formats = S.ANIMATION_FORMATS

    def __init__(self, window):
        super().__init__(window, translate("Figures", "Export animation"))
        session = window.bridge.session
        top = max(session.furthest, session.step) + 10_000
        self.from_box, self.to_box = QSpinBox(), QSpinBox()
        self.from_box.setRange(0, top)
        self.to_box.setRange(0, top)
        self.from_box.setValue(min(int(self._get("from", 0)), top))
        self.to_box.setValue(min(int(self._get("to", max(10, session.step))), top))
        rng = QWidget()
        row = QHBoxLayout(rng)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.from_box)
        row.addWidget(self.to_box)
        self.form.addRow(translate("Figures", "Steps (from, to):"), rng)
        self.phases_box = QCheckBox(translate("Figures", "A frame for every phase of each step"))
        self.phases_box.setChecked(_bool(self._get("phases", None), True))
        self.form.addRow("", self.phases_box)
        self.fps_box = QDoubleSpinBox()
        self.fps_box.setRange(*S.FPS_RANGE)
        self.fps_box.setValue(float(self._get("fps", 2.0)))
        self.fps_box.setSuffix(translate("Figures", " frames/s"))
        self.form.addRow(translate("Figures", "Frame rate:"), self.fps_box)
        self.finish_layout()

    def plan(self):
        return S.frame_plan(self.from_box.value(), self.to_box.value(), self.phases_box.isChecked())

    def remember(self) -> None:
        super().remember()
        for name, value in (
            ("from", self.from_box.value()),
            ("to", self.to_box.value()),
            ("phases", self.phases_box.isChecked()),
            ("fps", self.fps_box.value()),
        ):
            self.settings.setValue(f"{self.key}/{name}", value)


# -- doing it ---------------------------------------------------------------------------------------------
def export_figure(window, path, spec: S.FigureSpec, fmt: str | None = None) -> Path:
    """Draw ``spec``'s panels of the window's session to ``path`` (format from its extension)."""
    from .render import figure_bytes

    fmt = fmt or S.output_format(path, S.FIGURE_FORMATS)
    path = S.check_writable(path)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = figure_bytes(window.bridge.session, spec, fmt)
        with atomic_file(path, "wb") as f:
            f.write(data)
    finally:
        QApplication.restoreOverrideCursor()
    return path


def export_animation(
    window, path, spec: S.FigureSpec, plan, fps: float, fmt: str | None = None, progress=None, cancelled=None
) -> int:
    """Draw ``plan``'s frames of (a copy of) the window's session to ``path``; returns the frame count."""
    from .animation import session_copy, write_animation

    fmt = fmt or S.output_format(path, S.ANIMATION_FORMATS)
    S.check_fps(fps)
    if fmt == "gif":
        S.check_gif_memory(len(plan), spec.size)
    path = S.check_writable(path)
    work = session_copy(window.bridge.session)
    return write_animation(path, work, spec, plan, fmt, fps, progress=progress, cancelled=cancelled)


def _ask_path(window, dlg, title: str):
    fmt = dlg.fmt()
    session = window.bridge.session
    suggested = f"{(session.name or 'figure')}-{'-'.join(dlg.panels()) or 'figure'}.{fmt}"
    folder = window.settings.value(f"{dlg.key}/folder")
    if folder:
        suggested = str(Path(str(folder)) / suggested)
    path = window.ask_save_path(title, f"{fmt.upper()} (*.{fmt})", suggested)
    if not path:
        return None
    if Path(path).suffix.lower() != f".{fmt}":
        path = f"{path}.{fmt}"
    window.settings.setValue(f"{dlg.key}/folder", str(Path(path).parent))
    return path


def open_figure_dialog(window) -> bool:
    """File ▸ Export figure…"""
    if window.bridge.session is None or window.is_busy():
        return False
    dlg = FigureDialog(window)
    while True:
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            spec = dlg.figure_spec()
            break
        except ExplorerError as exc:
            window.show_error(str(exc))
    dlg.remember()
    path = _ask_path(window, dlg, translate("Figures", "Export figure"))
    if not path:
        return False
    try:
        export_figure(window, path, spec, dlg.fmt())
    except ExplorerError as exc:
        window.show_error(str(exc))
        return False
    window.show_message(translate("Figures", "Wrote {path}.").format(path=path))
    return True


def open_animation_dialog(window) -> bool:
    """File ▸ Export animation…: the dialog, then the frames with a progress dialog and Cancel."""
    if window.bridge.session is None or window.is_busy():
        return False
    dlg = AnimationDialog(window)
    while True:
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            spec, plan = dlg.figure_spec(), dlg.plan()
            if dlg.fmt() == "mp4" and (spec.size[0] % 2 or spec.size[1] % 2):
                raise ExplorerError(translate("Figures", "an MP4 needs an even width and height"))
            break
        except ExplorerError as exc:
            window.show_error(str(exc))
    dlg.remember()
    path = _ask_path(window, dlg, translate("Figures", "Export animation"))
    if not path:
        return False
    window.transport.pause()
    bar = QProgressDialog(
        translate("Figures", "Rendering frames…"), translate("Figures", "Cancel"), 0, len(plan), window
    )
    bar.setWindowModality(Qt.WindowModality.WindowModal)
    bar.setMinimumDuration(0)
    bar.setValue(0)

    def progress(done, total):
        bar.setValue(done)
        bar.setLabelText(
            translate("Figures", "Rendering frame {done} of {total}…").format(done=done, total=total)
        )
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    try:
        n = export_animation(
            window,
            path,
            spec,
            plan,
            dlg.fps_box.value(),
            dlg.fmt(),
            progress=progress,
            cancelled=bar.wasCanceled,
        )
    except ExplorerError as exc:
        bar.close()
        window.show_error(
            str(exc) if not bar.wasCanceled() else translate("Figures", "Cancelled: nothing was written.")
        )
        return False
    bar.close()
    window.show_message(translate("Figures", "Wrote {path} ({n} frames).").format(path=path, n=n))
    return True


def install_export_actions(window, menu=None) -> tuple[QAction, QAction]:
    """Add File ▸ Export figure… and Export animation… to ``window`` (before "Export window as PNG…" when
    there is one). They are disabled while the window is busy, like its other file actions."""
    if menu is None:
        menu = window.menuBar().actions()[0].menu()
    act_fig = QAction(translate("Figures", "Export figure…"), window)
    act_fig.setToolTip(
        translate(
            "Figures", "Draw chosen panels as SVG, PDF or PNG at a chosen size (for slides and handouts)"
        )
    )
    act_fig.triggered.connect(lambda _c=False: open_figure_dialog(window))
    act_anim = QAction(translate("Figures", "Export animation…"), window)
    act_anim.setToolTip(translate("Figures", "Draw a range of steps (and their phases) as a GIF or MP4"))
    act_anim.triggered.connect(lambda _c=False: open_animation_dialog(window))
    before = getattr(window, "act_export_window", None)
    if before is not None and before in menu.actions():
        menu.insertAction(before, act_fig)
        menu.insertAction(before, act_anim)
    else:
        menu.addAction(act_fig)
        menu.addAction(act_anim)
    actions = getattr(window, "session_actions", None)
    if isinstance(actions, list):
        actions += [act_fig, act_anim]
    window.act_export_figure, window.act_export_animation = act_fig, act_anim
    return act_fig, act_anim
