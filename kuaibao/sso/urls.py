from django.urls import path

from kuaibao.sso import views

app_name = "sso"

urlpatterns = [
    path("login/", views.Start.as_view(), name="start"),
    path("callback/", views.Callback.as_view(), name="callback"),
]
