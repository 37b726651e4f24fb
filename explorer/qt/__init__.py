"""The desktop explorer: the only package that imports PySide6 or pyqtgraph.

- :mod:`.main_window`  the shell: docks, menus (:mod:`.menus`), tool bars, status bar (:mod:`.statusbar`)
- :mod:`.bridge`       :class:`SessionBridge`, Qt signals over the application state (:mod:`explorer.app`)
- :mod:`.views`        one file per view; each draws what the layers below computed
- :mod:`.app`          starting the app, ``--screenshot``

Importing it routes the application layer's texts through Qt's translator.
"""

from PySide6.QtCore import QCoreApplication

from ..app.i18n import set_translator

set_translator(QCoreApplication.translate)
