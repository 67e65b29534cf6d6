"""The sample LKIP files bundled with lkip: what ``lkip ingest`` reads when given no path.

The files exist once, in the checkout's top-level ``samples/`` folder. pyproject maps
``samples/text`` and ``samples/pdf`` into the wheel as the data-only packages
``lkip.samples.text`` and ``lkip.samples.pdf`` (their ``.txt`` and ``.pdf`` files only:
the generators and the expected JSON stay in the checkout).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The sample sub-folders, in the order they are ingested.
SAMPLE_KINDS = ("text", "pdf")


def sample_folders(package_root: Path | None = None) -> list[Path]:
    """Return the folders holding the bundled sample files; empty when lkip was installed without them.

    Installed from a wheel, the samples are package data beside the code
    (``lkip/samples/<kind>``). An editable install of a checkout imports ``lkip``
    from the checkout, whose ``samples/`` folder sits beside ``lkip/``; the
    setuptools finder of such installs cannot import the data-only packages, so
    that folder is found from the package's location.

    Args:
        package_root: The folder of the ``lkip`` package (default: where it is
            installed, from importlib.resources).

    Returns:
        The existing ``samples/<kind>`` folders, in :data:`SAMPLE_KINDS` order.
    """
    root = package_root or resources.files("lkip")
    if not isinstance(root, Path):  # a zipped install: nothing a folder scan can read
        return []
    checkout = root.parent
    bases = [root / "samples"]
    if (checkout / "pyproject.toml").is_file():
        bases.append(checkout / "samples")
    for base in bases:
        folders = [base / kind for kind in SAMPLE_KINDS if (base / kind).is_dir()]
        if folders:
            return folders
    return []
