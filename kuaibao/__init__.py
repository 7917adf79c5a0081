"""kuaibao (快报): a county government bulletin system, from the first draft to the archive."""

__version__ = "0.1.0"
