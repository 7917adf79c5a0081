from django.urls import path

from kuaibao.web import views

app_name = "web"

urlpatterns = [
    path("password/", views.password_change, name="password"),
]
