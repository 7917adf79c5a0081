"""Proofreading (审校) of government prose: findings from rules on wording, punctuation,
numbers, dates, unit names, boilerplate and issue numbering.

    reader = Proofreader(ProofConfig(units=("县商务局",), leaders=(Leader("张三", ("县长",)),)))
    findings = reader.check(text)                 # a bulletin or any text
    per_file = reader.check_sources([load_path(p) for p in paths])   # compared with each other
"""

from kuaibao.core.proof.config import BannedPhrase, Boilerplate, IssueRecord, Leader, ProofConfig
from kuaibao.core.proof.engine import Proofreader
from kuaibao.core.proof.finding import Finding, Severity
from kuaibao.core.proof.lexicon import warm_up
from kuaibao.core.proof.sources import ProofSource, load_bytes, load_path

__all__ = [
    "BannedPhrase",
    "Boilerplate",
    "Finding",
    "IssueRecord",
    "Leader",
    "ProofConfig",
    "ProofSource",
    "Proofreader",
    "Severity",
    "load_bytes",
    "load_path",
    "warm_up",
]
