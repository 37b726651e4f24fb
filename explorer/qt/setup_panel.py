"""The setup panel: corpus (preset or own text), architecture, output layer and every training setting.

Apply builds a new session from the fields; Reset starts the session in use again at step 0 with fresh
weights. A value the engine rejects is marked at its field (red border, the one-line message under it and in
its tooltip) and the session in use is kept. The learning rate is different: a new value applies at once to
the running session (``Session.set_lr``), without starting again.

While stepping, the current example is highlighted in the corpus text (the record's character span).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..app.choices import (
    FORMAT_ITEMS,
    preset_label,
    preset_tip,
)
from ..app.setup import FIELDS, GUI_DEFAULTS, read_fields
from ..engine.config import Config
from ..engine.presets import list_presets, preset_text
from ..errors import ExplorerError
from ..session import Session
from . import setup_draft, style
from .bridge import SessionBridge
from .corpus_text import corpus_text, is_preview, set_corpus_text
from .setup_fields import combo, error_label, narrow, settings_fields

ERROR_STYLE = "border: 2px solid #d00000; border-radius: 2px;"


class SetupPanel(QWidget):
    """The form. ``applyRequested`` / ``resetRequested`` ask the window to build a new session (the window
    stops play first and builds it on a worker thread from :meth:`session_request`)."""

    applyRequested = Signal()
    resetRequested = Signal()
    #: a user-facing message for the status bar
    message = Signal(str)

    def __init__(self, bridge: SessionBridge, parent=None):
        super().__init__(parent)
        self.setObjectName("setup")
        self.bridge = bridge
        self._loading = False
        self._dirty = False
        self._editor_rev = 0
        self._match = (None, None, False)  # (session id, editor revision, editor text == session text)
        self.errors: dict[str, str] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self._scroll, self._body = scroll, body
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)

        # -- corpus ---------------------------------------------------------------------------------
        self.preset = narrow(QComboBox())
        self.preset.setObjectName("preset")
        self.preset.addItem(self.tr("Own text"), None)
        self.preset.setItemData(
            0, self.tr("The corpus text below, as typed or opened from a file"), Qt.ItemDataRole.ToolTipRole
        )
        for name in list_presets():
            self.preset.addItem(preset_label(name), name)
            self.preset.setItemData(self.preset.count() - 1, preset_tip(name), Qt.ItemDataRole.ToolTipRole)
        self.preset.activated.connect(self._on_preset)
        self.preset.currentIndexChanged.connect(self._update_preset_tip)

        self.fmt = combo(FORMAT_ITEMS)
        self.fmt.setObjectName("format")
        self.fmt.setToolTip(
            self.tr(
                "How to read the corpus: plain text (one sentence per line) or "
                "input|output pairs such as king^rules|kingdom"
            )
        )

        self.corpus = QPlainTextEdit()
        self.corpus.setObjectName("corpus")
        self.corpus.setPlaceholderText(
            self.tr("Type or paste a corpus: one sentence per line, or pairs such as eat|apple, drink|juice")
        )
        self.corpus.setToolTip(
            self.tr(
                "The corpus. Plain text: one sentence per line. Pairs: in^in|out^out "
                "items separated by commas or new lines. The current example is "
                "highlighted while you step."
            )
        )
        self.corpus.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.corpus.setMinimumHeight(120)
        self.corpus.setFont(style.mono_font(style.current().font_pt))
        self.corpus.setProperty("w2vMono", True)
        self.corpus.textChanged.connect(self._on_corpus_edited)

        row = QHBoxLayout()
        lab = QLabel(self.tr("Preset:"))
        lab.setBuddy(self.preset)
        row.addWidget(lab)
        row.addWidget(self.preset, 1)
        lay.addLayout(row)
        self.corpus_error = error_label()
        lay.addWidget(self.corpus, 1)
        lay.addWidget(self.corpus_error)
        row = QHBoxLayout()
        lab = QLabel(self.tr("Format:"))
        lab.setBuddy(self.fmt)
        row.addWidget(lab)
        row.addWidget(self.fmt, 1)
        lay.addLayout(row)

        # -- settings -------------------------------------------------------------------------------
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setVerticalSpacing(3)
        lay.addLayout(form)
        self.widgets: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}

        def add(key, label, widget, tip):
            widget.setObjectName(key)
            widget.setToolTip(tip)
            widget.setProperty("w2vTip", tip)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(1)
            v.addWidget(widget)
            err = error_label()
            v.addWidget(err)
            lab = QLabel(label)
            lab.setBuddy(widget)
            lab.setToolTip(tip)
            form.addRow(lab, box)
            self.widgets[key] = widget
            self.error_labels[key] = err
            self.labels[key] = lab

        for key, label, widget, tip in settings_fields():
            add(key, label, widget, tip)

        for key, w in self.widgets.items():
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self._on_field_edited)
            elif isinstance(w, QSpinBox):
                w.valueChanged.connect(self._on_field_edited)
            elif isinstance(w, QCheckBox):
                w.toggled.connect(self._on_field_edited)
            elif key != "lr":
                w.textEdited.connect(self._on_field_edited)
        self.widgets["lr"].editingFinished.connect(self.commit_lr)
        self.widgets["lr"].textEdited.connect(lambda _t: self._clear_mark("lr"))
        self.widgets["output"].currentIndexChanged.connect(self._update_relevance)
        self.widgets["mode"].currentIndexChanged.connect(self._update_relevance)

        self.general_error = error_label()
        lay.addWidget(self.general_error)
        self.dirty_label = QLabel(self.tr("Changes not applied yet: press Apply."))
        self.dirty_label.setObjectName("dirty")
        self.dirty_label.setWordWrap(True)
        self.dirty_label.setVisible(False)
        lay.addWidget(self.dirty_label)

        row = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("apply")
        self.apply_button.setToolTip(self.tr("Build a new session from these settings and start at step 0"))
        self.apply_button.clicked.connect(self.applyRequested)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("reset")
        self.reset_button.setToolTip(
            self.tr("Start the session in use again at step 0 with fresh weights (same corpus and settings)")
        )
        self.reset_button.clicked.connect(self.resetRequested)
        row.addWidget(self.apply_button)
        row.addWidget(self.reset_button)
        lay.addLayout(row)

        self.set_fields(GUI_DEFAULTS)
        bridge.changed.connect(self.update_highlight)
        bridge.reset.connect(self.update_highlight)
        bridge.lrChanged.connect(self._show_lr)

    def fit_width(self) -> None:
        """Keep the panel at least as wide as its fields need (no clipped fields at any font size)."""
        self._fit_combos()
        # the combo boxes' new minimum widths count now, not at the next layout pass: inner layouts first
        for w in [*reversed(self._body.findChildren(QWidget)), self._body]:
            if w.layout() is not None:
                w.layout().invalidate()
                w.layout().activate()
        need = self._body.minimumSizeHint().width() + self._scroll.verticalScrollBar().sizeHint().width() + 4
        self._scroll.setMinimumWidth(need)

    def _fit_combos(self) -> None:
        """Each combo box at least as wide as its entries of up to 14 average characters, in the current font
        (whatever the language: Chinese labels are short, so the form leaves the combo boxes less room; and
        a combo box's own size hint does not follow a font change, e.g. presentation mode)."""
        for c in self._body.findChildren(QComboBox):
            fm = c.fontMetrics()
            longest = max((fm.horizontalAdvance(c.itemText(i)) for i in range(c.count())), default=0)
            opt = QStyleOptionComboBox()
            c.initStyleOption(opt)
            size = c.style().sizeFromContents(
                QStyle.ContentsType.CT_ComboBox,
                opt,
                QSize(min(longest, 14 * fm.averageCharWidth()), fm.height()),
                c,
            )
            c.setMinimumWidth(size.width())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit_width)  # after the layouts took the new font (not if closed)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_width()

    def set_fields(
        self,
        config: Config,
        text: str | None = None,
        fmt: str | None = None,
        lr: float | None = None,
        preset: str | None = None,
    ) -> None:
        """Show ``config`` (and the corpus ``text``) in the fields; clears marks and the dirty flag."""
        self._loading = True
        try:
            w = self.widgets
            for key in ("arch", "output", "mode", "init", "segment"):
                i = w[key].findData(getattr(config, key))
                w[key].setCurrentIndex(max(0, i))
            for key in ("hidden", "window", "negative", "min_count", "epochs"):
                w[key].setValue(getattr(config, key))
            w["lr"].setText(f"{config.lr if lr is None else lr:g}")
            w["ns_power"].setText(f"{config.ns_power:g}")
            w["sample"].setText(f"{config.sample:g}")
            w["seed"].setText(str(config.seed))
            w["shuffle"].setChecked(config.shuffle)
            w["lowercase"].setChecked(config.lowercase)
            if fmt is not None:
                self.fmt.setCurrentIndex(max(0, self.fmt.findData(fmt)))
            if text is not None:
                set_corpus_text(self.corpus, text)
            if preset is not None or text is not None:
                i = self.preset.findData(preset) if preset else 0
                self.preset.setCurrentIndex(max(0, i))
        finally:
            self._loading = False
        self.clear_marks()
        self._set_dirty(False)
        self._update_relevance()
        self._update_preset_tip()

    def show_session(self, session: Session, preset: str | None = None) -> None:
        """Fill every field from ``session`` (after opening a session or starting up)."""
        if preset is None and session.name in list_presets():
            try:
                if preset_text(session.name) == session.text:
                    preset = session.name
            except ExplorerError:
                pass
        self.set_fields(session.config, session.text, session.fmt, session.lr, preset)

    def _show_lr(self, lr: float) -> None:
        w = self.widgets["lr"]
        if not w.hasFocus():
            w.setText(f"{lr:g}")
        self._clear_mark("lr")

    def _update_preset_tip(self, *_):
        tip = self.preset.itemData(self.preset.currentIndex(), Qt.ItemDataRole.ToolTipRole) or ""
        self.preset.setToolTip(tip or self.tr("Choose a built-in example corpus"))

    def _update_relevance(self, *_):
        out = self.widgets["output"].currentData()
        ref = self.widgets["mode"].currentData() == "reference"
        for key, on in (("negative", out == "ns"), ("ns_power", out == "ns"), ("sample", ref)):
            self.widgets[key].setEnabled(on)
            self.labels[key].setEnabled(on)

    # -- edits --------------------------------------------------------------------------------------
    def _on_preset(self, index: int) -> None:
        name = self.preset.itemData(index)
        if not name:
            return
        try:
            text = preset_text(name)
        except ExplorerError as exc:
            self.mark("corpus", str(exc))
            return
        self._loading = True
        try:
            set_corpus_text(self.corpus, text)
            self.fmt.setCurrentIndex(0)
        finally:
            self._loading = False
        self._on_corpus_edited()
        self.applyRequested.emit()  # a chosen preset shows at once

    def load_text(self, text: str) -> None:
        """Put ``text`` (e.g. a corpus file) in the editor as the own text; the caller applies it."""
        self._loading = True
        try:
            set_corpus_text(self.corpus, text)
            self.preset.setCurrentIndex(0)
            self.fmt.setCurrentIndex(0)
        finally:
            self._loading = False
        self._on_corpus_edited()

    def _on_corpus_edited(self) -> None:
        self._editor_rev += 1
        if self._loading:
            return
        self._clear_mark("corpus")
        self._set_dirty(True)

    def _on_field_edited(self, *_):
        if self._loading:
            return
        w = self.sender()
        for key, widget in self.widgets.items():
            if widget is w:
                self._clear_mark(key)
        self.general_error.setVisible(False)
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.dirty_label.setVisible(dirty)

    def is_dirty(self) -> bool:
        return self._dirty

    # -- the fields as they are (a rebuilt window shows them again) ---------------------------------
    def draft(self) -> dict:
        """What the fields hold now, applied or not (with the marks and the dirty flag)."""
        return setup_draft.draft(self)

    def restore_draft(self, draft: dict) -> None:
        """Show a :meth:`draft` again."""
        setup_draft.restore_draft(self, draft)

    # -- marks ----------------------------------------------------------------------------------------
    def mark(self, key: str, message: str) -> None:
        """Mark field ``key`` (a Config field, ``corpus`` or ``general``) as invalid with ``message``."""
        self.errors[key] = message
        if key == "corpus":
            widget, label = self.corpus, self.corpus_error
        elif key == "general":
            widget, label = None, self.general_error
        else:
            widget, label = self.widgets[key], self.error_labels[key]
        label.setText(message)
        label.setVisible(True)
        if widget is not None:
            widget.setProperty("invalid", True)
            widget.setStyleSheet(
                ERROR_STYLE
                if not isinstance(widget, QPlainTextEdit)
                else f"QPlainTextEdit {{ {ERROR_STYLE} }}"
            )
            widget.setToolTip(message)

    def _clear_mark(self, key: str) -> None:
        if key not in self.errors:
            return
        del self.errors[key]
        if key == "corpus":
            widget, label = self.corpus, self.corpus_error
            tip = None
        elif key == "general":
            widget, label, tip = None, self.general_error, None
        else:
            widget, label = self.widgets[key], self.error_labels[key]
            tip = widget.property("w2vTip")
        label.setVisible(False)
        label.clear()
        if widget is not None:
            widget.setProperty("invalid", False)
            widget.setStyleSheet("")
            if tip:
                widget.setToolTip(tip)
            elif key == "corpus":
                widget.setToolTip(
                    self.tr(
                        "The corpus. Plain text: one sentence per line. Pairs: "
                        "in^in|out^out items separated by commas or new lines. The current "
                        "example is highlighted while you step."
                    )
                )

    def clear_marks(self) -> None:
        for key in list(self.errors):
            self._clear_mark(key)

    def is_marked(self, key: str) -> bool:
        return key in self.errors

    # -- reading and checking the fields ------------------------------------------------------------
    def _raw(self) -> dict:
        """Every field's value as shown: the data of a choice, a whole number, a text, a check mark."""
        out = {}
        for key, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            else:
                out[key] = w.text()
        return out

    def read_config(self) -> Config | None:
        """The configuration in the fields, or None with every invalid field marked."""
        config, errors = read_fields(self._raw())
        for key in FIELDS + ("general",):
            if key in errors:
                self.mark(key, errors[key])
            else:
                self._clear_mark(key)
        return config

    def build_session(self) -> Session | None:
        """A new session from the fields, or None with the problems marked (nothing else changes)."""
        request = self.session_request()
        if request is None:
            return None
        text, config, fmt, name = request
        try:
            session = Session(text, config, fmt, name=name)
        except ExplorerError as exc:
            self.build_failed(exc)
            return None
        self.session_built()
        return session

    def session_request(self) -> tuple[str, Config, str, str] | None:
        """(text, config, fmt, name) to build a session from (on a worker thread: see ``FileActions``), or
        None with every invalid field marked."""
        config = self.read_config()
        text = corpus_text(self.corpus)
        fmt = self.fmt.currentData()
        if config is None:
            # still check a corpus small enough to check here, so every problem shows at once
            if not is_preview(self.corpus):
                try:
                    Session(text, GUI_DEFAULTS, fmt)
                    self._clear_mark("corpus")
                except ExplorerError as exc:
                    self.mark("corpus", str(exc))
            self.message.emit(self.tr("Not applied: correct the marked settings."))
            return None
        return text, config, fmt, self.preset.currentData() or ""

    def build_failed(self, exc: ExplorerError) -> None:
        """The corpus of :meth:`session_request` cannot make a session: mark it, say so."""
        msg = str(exc)
        self.mark("corpus", msg)
        if "min_count" in msg or "min count" in msg:
            self.mark("min_count", msg)
        self.message.emit(self.tr("Not applied: {problem}").format(problem=msg))

    def session_built(self) -> None:
        """The fields made a session."""
        self._clear_mark("corpus")
        self._set_dirty(False)

    def commit_lr(self) -> None:
        """Apply the learning-rate field to the running session now (no restart)."""
        if self._loading:
            return
        s = self.bridge.session
        w = self.widgets["lr"]
        text = w.text().strip()
        try:
            lr = float(text)
        except ValueError:
            self.mark(
                "lr", self.tr("The learning rate must be a number, got “{text}”.").format(text=text[:30])
            )
            return
        try:
            Config(lr=lr)
        except ExplorerError as exc:
            self.mark("lr", str(exc))
            return
        self._clear_mark("lr")
        if s is None or lr == s.lr:
            return
        if not self.bridge.commands.set_lr(lr):
            return
        self.message.emit(
            self.tr("Learning rate is now {lr:g} from step {step} on.").format(lr=lr, step=s.step + 1)
        )

    # -- highlighting the current example -------------------------------------------------------------
    def _editor_matches(self, session: Session) -> bool:
        key = (id(session), self._editor_rev)
        if self._match[:2] != key:
            same = not is_preview(self.corpus) and self.corpus.toPlainText() == session.text
            self._match = (key[0], key[1], same)
        return self._match[2]

    def update_highlight(self) -> None:
        s = self.bridge.session
        rec = s.record if s is not None else None
        if rec is None or not self._editor_matches(s) or rec.span[1] <= rec.span[0]:
            if self.corpus.extraSelections():
                self.corpus.setExtraSelections([])
            return
        a, b = rec.span
        doc = self.corpus.document()
        n = doc.characterCount() - 1
        a, b = max(0, min(a, n)), max(0, min(b, n))
        cur = QTextCursor(doc)
        cur.setPosition(a)
        cur.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        accent = QColor(style.current().accent)
        accent.setAlpha(90)
        fmt.setBackground(accent)
        sel.format = fmt
        sel.cursor = cur
        self.corpus.setExtraSelections([sel])
        if not self.corpus.hasFocus():
            rect = self.corpus.cursorRect(cur)
            vp = self.corpus.viewport().height()
            if rect.top() < 0 or rect.bottom() > vp:
                bar = self.corpus.verticalScrollBar()
                bar.setValue(max(0, cur.block().blockNumber() - 2))

    def highlighted_span(self) -> tuple[int, int] | None:
        sels = self.corpus.extraSelections()
        if not sels:
            return None
        c = sels[0].cursor
        return c.selectionStart(), c.selectionEnd()
