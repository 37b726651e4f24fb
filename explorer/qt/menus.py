"""The main window's menus, declared in one list.

Each menu is a title and its entries; an entry is an :class:`Item` (a window method behind a QAction),
:data:`SEPARATOR`, or the name of a builder for entries made at run time (the transport's actions, one per
dock, one per language, one per exportable panel). Adding a menu action with its command is one ``Item(...)``
here and one method on the window (or a command in :mod:`explorer.app.commands`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ..app.lecture_settings import is_lecture_config
from . import i18n
from .actions import make_action

SEPARATOR = "-"
SK = QKeySequence.StandardKey


@dataclass(frozen=True)
class Item:
    """A menu action: ``window.<attr>`` is the QAction; it calls ``window.<slot>(*args)``. ``session``:
    disabled while a long run holds the session."""

    attr: str
    text: str
    tip: str
    slot: str
    shortcut: object = None
    checkable: bool = False
    args: tuple = ()
    session: bool = False


#: ``translate("MainWindow", "...")``: lupdate finds these calls (the texts keep their context)
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("MainWindow", text)


EXPORT_DATA = (
    Item(
        "act_export_vectors",
        QT_TRANSLATE_NOOP("MainWindow", "Word vectors (word2vec format)…"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "The input vectors (rows of W) in the word2vec text format, or binary for .bin"
        ),
        "export_data",
        args=("vectors",),
        session=True,
    ),
    Item(
        "act_export_weights",
        QT_TRANSLATE_NOOP("MainWindow", "Weights (.npz)…"),
        QT_TRANSLATE_NOOP("MainWindow", "W, W′ and the vocabulary as a NumPy .npz"),
        "export_data",
        args=("weights",),
        session=True,
    ),
    Item(
        "act_export_trace",
        QT_TRANSLATE_NOOP("MainWindow", "Trace of every step (JSON Lines)…"),
        QT_TRANSLATE_NOOP("MainWindow", "Every computed step's record, one JSON object per line"),
        "export_data",
        args=("trace",),
        session=True,
    ),
    Item(
        "act_export_loss",
        QT_TRANSLATE_NOOP("MainWindow", "Loss series (CSV)…"),
        QT_TRANSLATE_NOOP("MainWindow", "The loss of every step and epoch as CSV"),
        "export_data",
        args=("loss",),
        session=True,
    ),
)

#: View ▸ teaching aids: slots are methods of ``window.teaching`` (:class:`~.animator.Teaching`)
TEACHING = (
    Item(
        "act_animate",
        QT_TRANSLATE_NOOP("MainWindow", "Animate updates"),
        QT_TRANSLATE_NOOP(
            "MainWindow",
            "Show each update move: the forward pass, the error flowing back, the "
            "vectors moving (on in presentation mode; any key ends it)",
        ),
        "set_animate",
        checkable=True,
    ),
    Item(
        "act_anim_slower",
        QT_TRANSLATE_NOOP("MainWindow", "Slower animation"),
        QT_TRANSLATE_NOOP("MainWindow", "Make each phase of the animation last longer"),
        "animation_speed",
        args=(1.5,),
    ),
    Item(
        "act_anim_faster",
        QT_TRANSLATE_NOOP("MainWindow", "Faster animation"),
        QT_TRANSLATE_NOOP("MainWindow", "Make each phase of the animation shorter"),
        "animation_speed",
        args=(1 / 1.5,),
    ),
    Item(
        "act_prompts",
        QT_TRANSLATE_NOOP("MainWindow", "Prediction prompts"),
        QT_TRANSLATE_NOOP(
            "MainWindow", "The guided walk asks the class to predict each phase before showing it"
        ),
        "set_prompts",
        checkable=True,
    ),
)

#: Train ▸ First lecture settings: the slot is a method of ``window.first_lecture`` (:class:`FirstLecture`)
FIRST_LECTURE = Item(
    "act_first_lecture",
    QT_TRANSLATE_NOOP("MainWindow", "First lecture settings"),
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "A new session on this corpus that learns visibly from the first epoch: W and W′ uniform in ±2/√N "
        "(init “lecture”), the learning rate η measured for this architecture, output layer and mode, N 5, "
        "window m 2 (Edit ▸ Undo new session brings the current one back)",
    ),
    "apply",
    "Ctrl+L",
    session=True,
)

MENUS = (
    (
        QT_TRANSLATE_NOOP("MainWindow", "&File"),
        (
            Item(
                "act_open_corpus",
                QT_TRANSLATE_NOOP("MainWindow", "Open corpus…"),
                QT_TRANSLATE_NOOP("MainWindow", "Open a UTF-8 text file as the corpus and apply it"),
                "open_corpus",
                SK.Open,
                session=True,
            ),
            Item(
                "act_open_session",
                QT_TRANSLATE_NOOP("MainWindow", "Open session…"),
                QT_TRANSLATE_NOOP("MainWindow", "Open a saved session (.w2vx) with its whole history"),
                "open_session",
                "Ctrl+Shift+O",
                session=True,
            ),
            Item(
                "act_save_session",
                QT_TRANSLATE_NOOP("MainWindow", "Save session"),
                QT_TRANSLATE_NOOP("MainWindow", "Save the session with its history"),
                "save_session",
                SK.Save,
                session=True,
            ),
            Item(
                "act_save_session_as",
                QT_TRANSLATE_NOOP("MainWindow", "Save session as…"),
                QT_TRANSLATE_NOOP("MainWindow", "Save the session with its history to a new file"),
                "save_session_as",
                "Ctrl+Shift+S",
                session=True,
            ),
            SEPARATOR,
            Item(
                "act_compare_trace",
                QT_TRANSLATE_NOOP("MainWindow", "Compare with my trace…"),
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Compare a trace of your own implementation (JSON Lines, complete or "
                    "partial) with this run: mark the differing steps, go to the first",
                ),
                "compare_trace",
                session=True,
            ),
            Item(
                "act_copy_command",
                QT_TRANSLATE_NOOP("MainWindow", "Copy as command"),
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Copy the command line that reproduces this run (python main.py "
                    "trace …) to the clipboard",
                ),
                "copy_command",
            ),
            Item(
                "act_export_initial",
                QT_TRANSLATE_NOOP("MainWindow", "Export initial weights…"),
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "W and W′ before step 1 as a NumPy .npz, for trace --weights or your own loop",
                ),
                "export_initial_weights",
                session=True,
            ),
            SEPARATOR,
            (QT_TRANSLATE_NOOP("MainWindow", "Export data"), EXPORT_DATA),
            "export_plot_menu",
            Item(
                "act_export_window",
                QT_TRANSLATE_NOOP("MainWindow", "Export window as PNG…"),
                QT_TRANSLATE_NOOP("MainWindow", "Save a picture of the whole window"),
                "export_window",
            ),
            SEPARATOR,
            Item(
                "act_quit",
                QT_TRANSLATE_NOOP("MainWindow", "Quit"),
                QT_TRANSLATE_NOOP("MainWindow", "Close the explorer"),
                "close",
                SK.Quit,
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
        (
            "transport_undo",
            Item(
                "act_undo_session",
                QT_TRANSLATE_NOOP("MainWindow", "Undo new session"),
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Back to the session before the last Apply, Reset, preset or Open, "
                    "with its whole history",
                ),
                "undo_session",
                "Ctrl+Alt+Z",
                session=True,
            ),
        ),
    ),
    (QT_TRANSLATE_NOOP("MainWindow", "&Train"), ("transport_menu", SEPARATOR, "first_lecture_menu")),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Compare"),
        (
            Item(
                "act_compare_trace2",
                QT_TRANSLATE_NOOP("MainWindow", "Compare with my trace…"),
                QT_TRANSLATE_NOOP(
                    "MainWindow",
                    "Compare a trace of your own implementation (JSON Lines, complete or "
                    "partial) with this run: mark the differing steps, go to the first",
                ),
                "compare_trace",
                session=True,
            ),
            Item(
                "act_next_difference",
                QT_TRANSLATE_NOOP("MainWindow", "Next difference"),
                QT_TRANSLATE_NOOP("MainWindow", "Go to the next step where your trace differs"),
                "next_difference",
                "F8",
                session=True,
            ),
            Item(
                "act_previous_difference",
                QT_TRANSLATE_NOOP("MainWindow", "Previous difference"),
                QT_TRANSLATE_NOOP("MainWindow", "Go to the previous step where your trace differs"),
                "previous_difference",
                "Shift+F8",
                session=True,
            ),
            Item(
                "act_clear_comparison",
                QT_TRANSLATE_NOOP("MainWindow", "Clear comparison"),
                QT_TRANSLATE_NOOP("MainWindow", "Remove the marks of the comparison with your trace"),
                "clear_comparison",
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&View"),
        (
            "dock_toggles",
            SEPARATOR,
            Item(
                "act_reset_layout",
                QT_TRANSLATE_NOOP("MainWindow", "Reset layout"),
                QT_TRANSLATE_NOOP("MainWindow", "Put every panel back in its default place"),
                "reset_layout",
            ),
            SEPARATOR,
            Item(
                "act_presentation",
                QT_TRANSLATE_NOOP("MainWindow", "Presentation mode"),
                QT_TRANSLATE_NOOP("MainWindow", "Large fonts, thick lines and high contrast for a projector"),
                "set_presentation",
                "F5",
                checkable=True,
            ),
            "teaching_menu",
            Item(
                "act_dark",
                QT_TRANSLATE_NOOP("MainWindow", "Dark theme"),
                QT_TRANSLATE_NOOP("MainWindow", "Light text on a dark background"),
                "set_dark",
                checkable=True,
            ),
            Item(
                "act_fullscreen",
                QT_TRANSLATE_NOOP("MainWindow", "Full screen"),
                QT_TRANSLATE_NOOP("MainWindow", "Use the whole screen"),
                "set_fullscreen",
                "F11",
                checkable=True,
            ),
            SEPARATOR,
            "language_menu",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Help"),
        (
            Item(
                "act_shortcuts",
                QT_TRANSLATE_NOOP("MainWindow", "Keyboard shortcuts"),
                QT_TRANSLATE_NOOP("MainWindow", "List every keyboard shortcut"),
                "show_shortcuts",
                SK.HelpContents,
            ),
            Item(
                "act_about",
                QT_TRANSLATE_NOOP("MainWindow", "About"),
                QT_TRANSLATE_NOOP("MainWindow", "About the word2vec Gradient Explorer"),
                "show_about",
            ),
        ),
    ),
)


class MenuBuilder:
    """Builds :data:`MENUS` into ``window``'s menu bar; ``session_actions`` are those a run disables."""

    def __init__(self, window):
        self.w = window
        self.session_actions: list[QAction] = []
        self.menus: dict[str, object] = {}

    def build(self) -> None:
        bar = self.w.menuBar()
        for title, entries in MENUS:
            menu = bar.addMenu(_tr(title))
            menu.setToolTipsVisible(True)
            self.menus[title] = menu
            self._fill(menu, entries)
        if hasattr(self.w, "first_lecture") and hasattr(self.w, "act_presentation"):
            # presentation mode offers the first lecture settings
            self.w.act_presentation.toggled.connect(self.w.first_lecture.offer)

    def _fill(self, menu, entries) -> None:
        for entry in entries:
            if entry == SEPARATOR:
                menu.addSeparator()
            elif isinstance(entry, Item):
                menu.addAction(self.action(entry))
            elif isinstance(entry, tuple):  # a submenu: (title, entries)
                sub = menu.addMenu(_tr(entry[0]))
                sub.setToolTipsVisible(True)
                self._fill(sub, entry[1])
            else:
                getattr(self, entry)(menu)

    def action(self, item: Item, owner=None) -> QAction:
        """The QAction of ``item``; its slot is a method of ``owner`` (the window by default)."""
        slot = getattr(self.w if owner is None else owner, item.slot)
        if item.checkable:
            fn = slot
        else:

            def fn(_checked=False, _slot=slot, _args=item.args):
                return _slot(*_args)

        a = make_action(self.w, _tr(item.text), _tr(item.tip), fn, item.shortcut, item.checkable)
        setattr(self.w, item.attr, a)
        if item.session:
            self.session_actions.append(a)
        return a

    # -- entries made at run time -----------------------------------------------------------------
    def export_plot_menu(self, menu) -> None:
        sub = menu.addMenu(translate("MainWindow", "Export plot"))
        sub.setToolTipsVisible(True)
        self.w.plot_menu = sub
        any_plot = False
        for view in self.w.views:
            if callable(getattr(view, "export", None)):
                a = make_action(
                    self.w,
                    translate("MainWindow", "{view}…").format(view=view.title()),
                    translate("MainWindow", "Save this panel as a PNG or SVG image"),
                    lambda _c=False, v=view: self.w.export_plot(v),
                )
                sub.addAction(a)
                any_plot = True
        if not any_plot:
            sub.addAction(translate("MainWindow", "No panel can be exported")).setEnabled(False)

    def transport_undo(self, menu) -> None:
        menu.addAction(self.w.transport.act_undo)
        menu.addAction(self.w.transport.act_forward)

    def transport_menu(self, menu) -> None:
        self.w.transport.populate_menu(menu)

    def teaching_menu(self, menu) -> None:
        """The update animation and the prediction prompts: ``window.teaching`` drives them."""
        from .animator import Teaching

        self.w.teaching = teaching = Teaching(self.w)  # after the views: it draws over their redraw
        for item in TEACHING:
            menu.addAction(self.action(item, teaching))
        teaching.sync()

    def first_lecture_menu(self, menu) -> None:
        """Train ▸ First lecture settings (``window.first_lecture`` runs it)."""
        self.w.first_lecture = owner = FirstLecture(self.w)
        menu.addAction(self.action(FIRST_LECTURE, owner))

    def dock_toggles(self, menu) -> None:
        self.w.dock_actions = {}
        for name, dock in self.w.docks.items():
            a = dock.toggleViewAction()
            a.setToolTip(
                translate("MainWindow", "Show or hide the panel “{title}”").format(title=dock.windowTitle())
            )
            menu.addAction(a)
            self.w.dock_actions[name] = a

    def language_menu(self, menu) -> None:
        """View ▸ Language: each language under its own name; the one in use is checked."""
        m = menu.addMenu(translate("MainWindow", "&Language"))
        m.setToolTipsVisible(True)
        self.w.language_menu = m
        self.w.language_actions = {}
        group = QActionGroup(self.w)
        for lang in i18n.available_languages():
            a = QAction(i18n.LANGUAGE_NAMES[lang], self.w)
            a.setCheckable(True)
            a.setChecked(lang == i18n.current_language())
            a.setToolTip(
                translate("MainWindow", "Show the interface in this language (remembered for the next start)")
            )
            a.triggered.connect(lambda _c=False, code=lang: self.w.set_language(code))
            group.addAction(a)
            m.addAction(a)
            self.w.language_actions[lang] = a
            self.session_actions.append(a)


class FirstLecture:
    """Train ▸ First lecture settings: the command (:meth:`explorer.app.commands.Commands.first_lecture`),
    then the setup panel shows the new settings."""

    def __init__(self, window):
        self.w = window

    def apply(self) -> bool:
        w = self.w
        if w.is_busy():
            return False
        with w.working(translate("MainWindow", "Building the model again…")):
            return w.commands.first_lecture(then=w.setup_panel.show_session)

    def offer(self, presentation: bool) -> None:
        """Presentation mode switched on with other settings: say where the lecture settings are."""
        w = self.w
        s = w.state.session
        if presentation and s is not None and not w.is_busy() and not is_lecture_config(s.config):
            w.show_message(
                translate(
                    "MainWindow",
                    "Ctrl+L: first lecture settings",
                ),
                15000,
            )
