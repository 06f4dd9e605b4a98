"""The explorer (Textual): `app.py` owns the store and the workers, `main_screen.py` the panes.

Nothing is imported here, so that `import tui.explorer.x` loads only what x needs."""
