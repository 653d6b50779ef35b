"""Readers of the source documents: seed 003, the ICS Board's pack of 2 December 2020.

The demo is built from the project's own data (`icp_portal.demo.data`). Where SEEDS_DIR holds
the pack, its papers' text enriches the demo papers (`paper_bodies`); the readers also serve
the pack benchmark and check the data against the source.
"""

import functools
import logging
from pathlib import Path

from django.conf import settings

from .pack import read_board_pack

log = logging.getLogger(__name__)

SEED_PACK = "003_66cc8fc6162838c4.txt"


def pack_path():
    """Where the seed pack is when SEEDS_DIR holds it."""
    return Path(settings.SEEDS_DIR) / SEED_PACK


def paper_bodies():
    """The bodies of the pack's papers by agenda item number; empty without the pack."""
    path = pack_path()
    if not path.exists():
        return {}
    try:
        return _paper_bodies(path)
    except ValueError as error:
        log.warning("Demo papers not enriched: %s cannot be read (%s).", path, error)
        return {}


# Parsing the pack is slow; within one process (a test run) it is done once.
@functools.cache
def _paper_bodies(path):
    sheets = read_board_pack(path).cover_sheets
    return {sheet.agenda_item: sheet.body for sheet in sheets if sheet.agenda_item and sheet.body}
