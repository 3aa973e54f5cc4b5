"""Where Margin finds its bundled resources and the user's data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from reader import APP_ID

LIBRARY_ENV = "MARGIN_LIBRARY"
DATA_ENV = "MARGIN_DATA_DIR"


def resources_dir() -> Path:
    """The bundled ``resources`` folder: inside the installed package, else the checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "resources"
    if (installed / "knowledge").is_dir():
        return installed
    return package.parent / "resources"


def user_data_dir() -> Path:
    """The user's data folder (library, user knowledge packs). ``MARGIN_DATA_DIR`` overrides."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_ID))


def default_library_path() -> Path:
    """``MARGIN_LIBRARY`` if set, else ``library.sqlite`` in the user data folder."""
    override = os.environ.get(LIBRARY_ENV)
    if override:
        return Path(override)
    return user_data_dir() / "library.sqlite"


def user_knowledge_dir() -> Path:
    """Folder of user knowledge packs (same format as the bundled ones)."""
    return user_data_dir() / "knowledge"


def user_lexicon_dir() -> Path:
    """Folder of user lexicon files (``de.yaml``, ``en.yaml`` …)."""
    return user_data_dir() / "lexicon"
