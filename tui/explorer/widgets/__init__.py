"""The explorer's widgets, one a module. They talk to the app with messages; the app tells them what
to show by calling their methods (attributes down, messages up)."""
