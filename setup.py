"""Everything else is in pyproject.toml. This file exists for one thing pyproject.toml cannot say:
the sample filings live at the top of the checkout (`form4 sample_filings/` works from a clone) and
ship inside the wheel as the package data `tui.sample_filings`, read with importlib.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["tui", "tui.*"]), "tui.sample_filings"],
    package_dir={"tui.sample_filings": "sample_filings"},
    package_data={"": ["*.tcss"], "tui.sample_filings": ["*"]},
)
