from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kuaibao.api"
    label = "api"
    verbose_name = "接口"
