"""Statistics and scoring (考核): figures of archive items, per-unit statistics, rankings and
the 采用情况通报, on top of the archive and the newsroom."""
