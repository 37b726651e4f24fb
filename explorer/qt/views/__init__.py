"""One file per view. Each is a :class:`~explorer.qt.views.base.View`: it draws the session's current
record and parameters, and never redoes the math."""
