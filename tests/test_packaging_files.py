"""The desktop entry, AppStream metadata and hicolor icons that a Linux package installs."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(PACKAGING / "margin.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Margin"
    assert entry["GenericName"] == "News reader"
    assert entry["Exec"].split()[0] == "margin"  # the gui-script in pyproject.toml
    assert entry["Icon"] == APP_ID  # and QGuiApplication.setDesktopFileName(APP_ID)
    assert entry["Terminal"] == "false"
    assert set(entry["Categories"].rstrip(";").split(";")) == {"Office", "Viewer", "Education"}
    assert {"text/plain", "text/markdown", "text/html"} <= set(entry["MimeType"].rstrip(";").split(";"))
    assert entry["Keywords"].endswith(";")
    for key in ("Name[de]", "Comment", "Comment[de]"):
        assert entry[key].strip(), key
    assert entry["Comment"] != entry["Comment[de]"]
    assert "margin" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(PACKAGING / "margin.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_metainfo() -> None:
    root = ET.parse(PACKAGING / "margin.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "org.margin.Margin"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("name") == "Margin"
    summary = root.findtext("summary") or ""
    assert 10 < len(summary) <= 80 and not summary.endswith(".")
    description = root.find("description")
    assert description is not None and len(description.findall("p")) >= 2
    text = " ".join(description.itertext()).lower()
    assert "offline" in text or "network" in text
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == "margin.desktop" and (PACKAGING / launchable.text).is_file()
    assert root.find("content_rating") is not None
    release = root.find("releases/release")
    assert release is not None
    assert release.get("version") == __version__ == "0.1.0"
    assert release.get("date") == "2026-11-22"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(PACKAGING / "margin.metainfo.xml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    length, chunk = struct.unpack(">I4s", data[8:16])
    assert chunk == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_hicolor_png(size: int) -> None:
    path = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(path) == (size, size)


def test_scalable_icon_is_the_app_icon() -> None:
    scalable = PACKAGING / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    root = ET.parse(scalable).getroot()
    assert root.tag.endswith("svg") and root.get("viewBox")
    bundled = ROOT / "resources" / "icons" / "margin.svg"
    assert scalable.read_bytes() == bundled.read_bytes()
