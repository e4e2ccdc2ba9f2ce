"""The CJK font the packet's PDF and the committee's report embed (a subset of it).

Noto Sans SC (SIL Open Font License 1.1) comes with the project's installation as the
``pylopdf-fonts-zh-cn`` wheel, so nothing is downloaded; ``BARGAINING_CJK_FONT`` may name
another TrueType/OpenType file. Finding it loads no font library.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from bargaining.errors import SetupError
from domain.i18n import _

FONT_ENV = "BARGAINING_CJK_FONT"
FONT_PACKAGE, FONT_FILE = "pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"


def find_font() -> Path:
    """The CJK font to embed: ``BARGAINING_CJK_FONT`` if set, else the installed Noto Sans SC."""
    configured = os.environ.get(FONT_ENV, "").strip()
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise SetupError(
                "packet.font",
                _("{variable}={configured} is not a font file").format(
                    variable=FONT_ENV, configured=configured
                ),
            )
        return path
    spec = importlib.util.find_spec(FONT_PACKAGE)  # finds the package without running its code
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / FONT_FILE
        if path.is_file():
            return path
    raise SetupError(
        "packet.font",
        _(
            "the CJK font Noto Sans SC is not installed; run 'make setup' (or pip install "
            "pylopdf-fonts-zh-cn==0.1.1), or set {variable} to a .ttf or .otf file"
        ).format(variable=FONT_ENV),
    )
