"""URL configuration: the archive, its API, login and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kuaibao.archive.api import api
from kuaibao.web import views as web_views

admin.site.site_header = "快报管理"
admin.site.site_title = "快报管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="archive/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("kuaibao.web.urls")),
    path("favicon.ico", web_views.favicon),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("newsroom/", include("kuaibao.newsroom.urls")),
    path("jobs/", include("kuaibao.jobs.urls")),
    path("stats/", include("kuaibao.stats.urls")),
    path("", include("kuaibao.archive.urls")),
]

handler400 = "kuaibao.web.views.bad_request"
