"""The configuration's JSON shape, as the command line and the web app pass it."""

from __future__ import annotations

import pytest

from kuaibao.core.proof import BannedPhrase, Leader, ProofConfig, Severity


def test_reads_every_documented_key() -> None:
    config = ProofConfig.from_dict(
        {
            "banned": ["旧提法", {"phrase": "慎用词", "suggestion": "新词", "severity": "warning"}],
            "leaders": [{"name": "王强", "title": "县委副书记、县长"}, {"name": "李娜", "titles": ["副县长"]}],
            "units": ["县商务局"],
            "defaults": {"publisher": "延津县人民政府办公室"},
            "words": ["胙城乡"],
            "disabled": ["punct.range", "boilerplate"],
        }
    )
    assert config.banned == (BannedPhrase("旧提法"), BannedPhrase("慎用词", "新词", None, Severity.warning))
    assert config.leaders == (Leader("王强", ("县委副书记", "县长")), Leader("李娜", ("副县长",)))
    assert config.defaults.publisher == "延津县人民政府办公室" and config.defaults.distribution is None
    assert not config.enabled("punct.range") and not config.enabled("boilerplate.distribution")
    assert config.enabled("punct.halfwidth")


@pytest.mark.parametrize(
    "data",
    [
        {"unknown": 1},
        {"banned": "not a list"},
        {"banned": [{"suggestion": "x"}]},
        {"banned": [{"phrase": "x", "severity": "fatal"}]},
        {"leaders": [{"name": "张伟"}]},
        {"units": [""]},
        {"defaults": "延津县人民政府办公室"},
    ],
)
def test_bad_configuration_is_refused_with_a_reason(data: dict[str, object]) -> None:
    with pytest.raises(ValueError) as excinfo:
        ProofConfig.from_dict(data)
    assert str(excinfo.value)
