"""The one error every reader raises for input it cannot read."""


class ReadError(Exception):
    """A file that is not a readable ownership filing. ``str(error)`` is a one-line reason
    ("empty file", "malformed XML: mismatched tag (line 12)", …) without the path; callers add it."""

    def __init__(self, reason: str) -> None:
        super().__init__(" ".join(reason.split()))

    @property
    def reason(self) -> str:
        return str(self)
