"""URL configuration: the archive, its API, login and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kuaibao.api.site import api
from kuaibao.sso import views as sso_views
from kuaibao.web import views as web_views
from kuaibao.web.workbench import workbench

admin.site.site_header = "快报系统后台"
admin.site.site_title = "快报系统后台"
admin.site.index_title = "系统后台（仅供系统管理员；日常管理请用“管理”页面）"
# Django's admin is for superusers only: administrators manage the office on the pages of
# kuaibao.web (people, units, bulletins, rules), which go through the actions and their checks.
admin.site.has_permission = lambda request: bool(request.user.is_active and request.user.is_superuser)  # type: ignore[method-assign]

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="archive/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", sso_views.Logout.as_view(), name="logout"),
    path("sso/", include("kuaibao.sso.urls")),
    path("", include("kuaibao.web.urls")),
    path("favicon.ico", web_views.favicon),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("newsroom/", workbench, name="workbench"),  # 工作台: every role lands here
    path("newsroom/", include("kuaibao.newsroom.urls")),
    path("jobs/", include("kuaibao.jobs.urls")),
    path("stats/", include("kuaibao.stats.urls")),
    path("", include("kuaibao.archive.urls")),
]

handler400 = "kuaibao.web.views.bad_request"
