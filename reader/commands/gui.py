"""Placeholder until the window lands: ``open_window`` and ``screenshot``."""

from __future__ import annotations

import argparse

from reader.commands.context import AppContext, CliError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds nothing yet."""


def open_window(ctx: AppContext, args: argparse.Namespace) -> int:
    raise CliError("the reading window is not built yet; use the sub-commands (reader --help)")
