from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "kuaibao.sso"
    label = "sso"
    verbose_name = "单点登录"
