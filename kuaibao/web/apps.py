from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kuaibao.web"
    label = "web"
    verbose_name = "界面"
