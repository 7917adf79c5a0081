from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "kuaibao.archive"
    label = "archive"
    verbose_name = "快报档案"
