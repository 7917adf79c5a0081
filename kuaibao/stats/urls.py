from django.urls import path

from kuaibao.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("ranking/", views.ranking_page, name="ranking"),
    path("my-unit/", views.my_unit_page, name="my_unit"),
    path("circular.docx", views.circular_docx, name="circular_docx"),
    path("circular.xlsx", views.circular_xlsx, name="circular_xlsx"),
    path("figures/", views.explorer_page, name="explorer"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
    path("figures.xlsx", views.figures_xlsx, name="figures_xlsx"),
    path("adoptions/", views.adoptions_page, name="adoptions"),
    path("adoptions/<int:pk>/delete/", views.adoption_delete, name="adoption_delete"),
]
