"""Margin: an offline news reader with sources, background and wording in the margins."""

__version__ = "0.1.0"
APP_NAME = "Margin"
APP_ID = "margin"
