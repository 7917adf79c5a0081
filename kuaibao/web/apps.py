from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

VERBS = {"add": "添加", "change": "修改", "delete": "删除", "view": "查看"}
# django-axes (login lockouts) ships English names; Django's admin shows them to superusers.
AXES_NAMES = {
    "accessattempt": "登录失败记录",
    "accesslog": "登录记录",
    "accessfailurelog": "登录失败日志",
    "accessattemptexpiration": "登录锁定到期",
}


def chinese_permissions(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Django names its default permissions in English ("Can add log entry") whatever the
    language; name them in Chinese after the model ("可以添加日志记录")."""
    from django.contrib.auth.models import Permission

    rows = Permission.objects.using(using).filter(content_type__app_label=sender.label).select_related("content_type")
    for permission in rows:
        action, _, model_name = permission.codename.partition("_")
        model = permission.content_type.model_class()
        if action not in VERBS or model is None or model_name != permission.content_type.model:
            continue
        name = f"可以{VERBS[action]}{model._meta.verbose_name}"[:255]
        if permission.name != name:
            Permission.objects.using(using).filter(pk=permission.pk).update(name=name)


class WebConfig(AppConfig):
    name = "kuaibao.web"
    label = "web"
    verbose_name = "界面"

    def ready(self) -> None:
        if apps.is_installed("axes"):
            axes = apps.get_app_config("axes")
            axes.verbose_name = "登录安全"
            for model in axes.get_models():
                name = AXES_NAMES.get(model._meta.model_name or "")
                if name:
                    model._meta.verbose_name = model._meta.verbose_name_plural = name
        post_migrate.connect(chinese_permissions, dispatch_uid="kuaibao.web.chinese_permissions")
