"""The pure core: domain model, importers, renderers. It never imports Django."""
