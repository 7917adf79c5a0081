from django.urls import path

from kuaibao.archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("archive/", views.archive_index, name="years"),
    path("archive/<int:year>/", views.archive_year, name="year"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="month"),
    path("b/<slug:bulletin>/<int:year>/<str:number>/", views.issue_detail, name="issue"),
    path("b/<slug:bulletin>/<int:year>/<str:number>/download.<str:fmt>", views.issue_download, name="issue_download"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("units/", views.unit_list, name="units"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("sections/", views.section_list, name="sections"),
    path("sections/<int:pk>/", views.section_detail, name="section"),
]
