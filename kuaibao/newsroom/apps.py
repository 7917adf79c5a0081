from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "kuaibao.newsroom"
    label = "newsroom"
    verbose_name = "编辑部"
