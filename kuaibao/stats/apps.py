from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "kuaibao.stats"
    label = "stats"
    verbose_name = "统计与考核"

    def ready(self) -> None:
        # The archive stores items and shows them; their figures are this app's (the archive
        # calls these hooks and never imports this app).
        from kuaibao.archive import extensions
        from kuaibao.stats.figures import item_figures_panel, store_figures_of_new_items

        extensions.on_items_stored(store_figures_of_new_items)
        extensions.add_item_panel(item_figures_panel)
