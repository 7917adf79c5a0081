from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "kuaibao.newsroom"
    label = "newsroom"
    verbose_name = "编辑部"

    def ready(self) -> None:
        from kuaibao.archive import pagecache
        from kuaibao.newsroom.models import Instruction

        # Leaders' instructions show on the archive's item pages.
        pagecache.connect_signals([Instruction])
