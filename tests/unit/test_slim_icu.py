"""What the bundle's slimmed ICU data keeps: what Qt needs for English text and IDNA."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "packaging"))
from slim_icu import dropped


@pytest.mark.parametrize(
    "item",
    [
        "root.res",
        "en.res",
        "en_GB.res",
        "pool.res",
        "res_index.res",
        "uts46.nrm",
        "nfkc.nrm",
        "ucase.icu",
        "uprops.icu",
        "cnvalias.icu",
        "coll/root.res",
        "coll/ucadata.icu",
        "zoneinfo64.res",
        "likelySubtags.res",
    ],
)
def test_kept(item):
    assert not dropped(item)


@pytest.mark.parametrize(
    "item",
    [
        "de.res",
        "ja_JP.res",
        "coll/sv.res",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "curr/en.res",
        "zone/de.res",
        "ibm-1047_P100-1995.cnv",
        "confusables.cfu",
        "lang/fr.res",
    ],
)
def test_dropped(item):
    assert dropped(item)
