"""The explorer's screens: help, messages and the dialogs."""
