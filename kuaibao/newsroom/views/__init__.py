"""The newsroom's pages, by area."""
