from django.urls import path

from kuaibao.newsroom.views import desk, editions, submissions

app_name = "newsroom"

urlpatterns = [
    path("notifications/", desk.notifications, name="notifications"),
    path("notifications/read/", desk.notifications_read, name="notifications_read"),
    path("requests/", desk.request_list, name="requests"),
    path("requests/<int:pk>/notice.docx", desk.request_notice, name="request_notice"),
    path("instructions/", desk.instruction_list, name="instructions"),
    path("items/<int:item>/instruct/", desk.instruct, name="instruct"),
    path("instructions/<int:pk>/answer/", desk.answer, name="answer"),
    path("submissions/", submissions.unit_submissions, name="submissions"),
    path("submissions/new/", submissions.new_submission, name="submission_new"),
    path("submissions/upload/", submissions.upload_submission, name="submission_upload"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission"),
    path("submissions/<int:pk>/save/", submissions.save_submission, name="submission_save"),
    path("submissions/<int:pk>/submit/", submissions.submit_submission, name="submission_submit"),
    path("submissions/<int:pk>/return/", submissions.return_submission, name="submission_return"),
    path("submissions/<int:pk>/reject/", submissions.reject_submission, name="submission_reject"),
    path("submissions/<int:pk>/revert/", submissions.revert_submission, name="submission_revert"),
    path("submissions/<int:pk>/adopt/", submissions.adopt_submission, name="submission_adopt"),
    path("submissions/<int:pk>/diff/", submissions.submission_diff, name="submission_diff"),
    path("submissions/<int:pk>/proof/", submissions.proof_check, name="submission_proof"),
    path("submissions/<int:pk>/proof/accept/", submissions.proof_accept, name="submission_proof_accept"),
    path("submissions/<int:pk>/proof/dismiss/", submissions.proof_dismiss, name="submission_proof_dismiss"),
    path("inbox/", submissions.inbox, name="inbox"),
    path("editions/", editions.edition_list, name="editions"),
    path("editions/<int:pk>/", editions.edition_detail, name="edition"),
    path("editions/<int:pk>/preview/", editions.edition_preview, name="edition_preview"),
    path("editions/<int:pk>/arrange/", editions.arrange, name="edition_arrange"),
    path("editions/<int:pk>/details/", editions.details, name="edition_details"),
    path("editions/<int:pk>/send/", editions.send, name="edition_send"),
    path("editions/<int:pk>/approve/", editions.approve, name="edition_approve"),
    path("editions/<int:pk>/return/", editions.return_edition, name="edition_return"),
    path("editions/<int:pk>/sign/", editions.sign, name="edition_sign"),
    path("editions/<int:pk>/items/<int:placement>/move/<str:direction>/", editions.move, name="placement_move"),
    path("editions/<int:pk>/items/<int:placement>/section/", editions.set_section, name="placement_section"),
    path("editions/<int:pk>/items/<int:placement>/ready/", editions.ready, name="placement_ready"),
    path("editions/<int:pk>/items/<int:placement>/remove/", editions.remove, name="placement_remove"),
    path("issues/<int:issue>/correct/", editions.correct, name="issue_correct"),
]
