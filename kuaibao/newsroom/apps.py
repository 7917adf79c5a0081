from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "kuaibao.newsroom"
    label = "newsroom"
    verbose_name = "编辑部"

    def ready(self) -> None:
        from kuaibao.archive import extensions, pagecache
        from kuaibao.newsroom import proofcounts
        from kuaibao.newsroom.models import Instruction

        # Leaders' instructions show on the archive's item pages.
        pagecache.connect_signals([Instruction])
        # Every stored revision's n-gram counts adapt proofreading to the office's own usage.
        extensions.on_items_stored(proofcounts.record_items)
        # Who may read them there: the same rule as the 批示 list.
        from kuaibao.newsroom.queries import visible_instructions

        extensions.set_instruction_filter(lambda request, rows: visible_instructions(request.user, rows))
        # Which offices' archives a request may read is the scope layer's decision.
        from kuaibao.newsroom import scope

        extensions.set_readable_offices(scope.readable_offices_of_request)

        from kuaibao.newsroom.actions.requests import remind_due_requests
        from kuaibao.newsroom.notify import dispatch

        if remind_due_requests not in dispatch.PERIODIC:
            dispatch.PERIODIC.append(remind_due_requests)
