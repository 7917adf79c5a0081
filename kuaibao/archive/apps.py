from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "kuaibao.archive"
    label = "archive"
    verbose_name = "快报档案"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from kuaibao.archive.search import clear_if_orphaned

        # The full-text index is not a model table, so `flush` leaves it; this empties it.
        post_migrate.connect(clear_if_orphaned, sender=self)
        # What the public pages show: a change to any of these starts a new page generation.
        from kuaibao.archive import models, pagecache

        pagecache.connect_signals(
            [
                models.Unit,
                models.UnitAlias,
                models.Bulletin,
                models.Section,
                models.Issue,
                models.Revision,
                models.Item,
                models.ItemUnit,
            ]
        )
