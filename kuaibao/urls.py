"""URL configuration: the archive, its API, login and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kuaibao.archive.api import api

admin.site.site_header = "快报管理"
admin.site.site_title = "快报管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="archive/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("newsroom/", include("kuaibao.newsroom.urls")),
    path("jobs/", include("kuaibao.jobs.urls")),
    path("stats/", include("kuaibao.stats.urls")),
    path("", include("kuaibao.archive.urls")),
]
