"""The columns a transaction screen can sort by: on their own, so that `form4`'s argument parser names
them without importing the screener (and numpy) for every command."""

SORT_COLUMNS = ("date", "filed", "ticker", "insider", "security", "code", "ad", "shares", "price", "value",
                "exercise_value", "after", "delta", "table")  # fmt: skip
