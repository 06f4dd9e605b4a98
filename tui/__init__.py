"""form4-explorer: a keyboard-driven explorer for SEC Form 3/4/5 insider-trading filings."""

__version__ = "0.1.0"
