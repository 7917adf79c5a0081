from django.urls import path

from kuaibao.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("import/", views.import_folder, name="import"),
    path("import/upload/", views.upload_import, name="upload"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<int:pk>/cancel/", views.cancel_job, name="cancel"),
]
