"""The command line: ``trace``, ``train``, ``tree``, ``diff``, and starting the desktop app."""
