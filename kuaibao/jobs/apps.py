from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kuaibao.jobs"
    label = "jobs"
    verbose_name = "后台任务"
