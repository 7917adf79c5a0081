from django.urls import path

from kuaibao.web import administration as admin_views
from kuaibao.web import integration, proof_lists, views

app_name = "web"

urlpatterns = [
    path("account/password/", views.password_change, name="password"),
    path("account/tokens/", integration.my_tokens, name="my_tokens"),
    path("account/tokens/<int:pk>/revoke/", integration.my_token_revoke, name="my_token_revoke"),
    path("manage/people/", admin_views.people, name="people"),
    path("manage/people/new/", admin_views.person_new, name="person_new"),
    path("manage/people/import/", admin_views.people_import, name="people_import"),
    path("manage/people/template.xlsx", admin_views.people_template, name="people_template"),
    path("manage/people/<int:pk>/", admin_views.person_edit, name="person"),
    path("manage/people/<int:pk>/password/", admin_views.person_password, name="person_password"),
    path("manage/units/", admin_views.units, name="units"),
    path("manage/units/new/", admin_views.unit_new, name="unit_new"),
    path("manage/units/<int:pk>/", admin_views.unit_edit, name="unit"),
    path("manage/units/<int:pk>/merge/", admin_views.unit_merge, name="unit_merge"),
    path("manage/bulletins/", admin_views.bulletins, name="bulletins"),
    path("manage/bulletins/<int:pk>/", admin_views.bulletin_edit, name="bulletin"),
    path("manage/rules/", admin_views.rules, name="rules"),
    path("manage/rules/new/", admin_views.rules_edit, name="rules_new"),
    path("manage/rules/<int:pk>/", admin_views.rules_edit, name="rules_edit"),
    path("manage/rules/<int:pk>/activate/", admin_views.rules_activate, name="rules_activate"),
    path("manage/proofing/", proof_lists.proof_lists, name="proof_lists"),
    path("manage/proofing/leaders/new/", proof_lists.leader_edit, name="leader_new"),
    path("manage/proofing/leaders/<int:pk>/", proof_lists.leader_edit, name="leader"),
    path("manage/proofing/leaders/<int:pk>/remove/", proof_lists.leader_remove, name="leader_remove"),
    path("manage/proofing/phrases/new/", proof_lists.phrase_edit, name="phrase_new"),
    path("manage/proofing/phrases/<int:pk>/", proof_lists.phrase_edit, name="phrase"),
    path("manage/proofing/phrases/<int:pk>/remove/", proof_lists.phrase_remove, name="phrase_remove"),
    path("manage/tokens/", integration.tokens, name="tokens"),
    path("manage/tokens/new/", integration.token_new, name="token_new"),
    path("manage/tokens/<int:pk>/revoke/", integration.token_revoke, name="token_revoke"),
    path("manage/webhooks/", integration.webhooks, name="webhooks"),
    path("manage/webhooks/new/", integration.webhook_new, name="webhook_new"),
    path("manage/webhooks/<int:pk>/", integration.webhook_edit, name="webhook"),
    path("manage/webhooks/<int:pk>/remove/", integration.webhook_remove, name="webhook_remove"),
    path("manage/deliveries/", integration.deliveries, name="deliveries"),
    path("manage/deliveries/<int:pk>/", integration.delivery, name="delivery"),
    path("manage/deliveries/<int:pk>/replay/", integration.delivery_replay, name="delivery_replay"),
]
