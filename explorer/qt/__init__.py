"""The desktop explorer: the only package that imports PySide6 or pyqtgraph.

- :mod:`.bridge`       :class:`SessionBridge`, Qt signals over a :class:`~explorer.session.Session`
- :mod:`.views`        one file per view; each draws the session's current record and never redoes the math
- :mod:`.main_window`  the window: docks, menus, shortcuts, transport, setup
- :mod:`.app`          starting the app, ``--screenshot``
"""
