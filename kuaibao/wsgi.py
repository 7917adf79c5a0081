"""WSGI entry point for production servers (gunicorn kuaibao.wsgi). A bad setting, or the public
development key outside DEBUG, stops the start with one line (kuaibao.startup)."""

import os

from django.core.wsgi import get_wsgi_application

from kuaibao.startup import load_settings, refuse_development_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
load_settings()
refuse_development_key()
application = get_wsgi_application()

from kuaibao.jobs.queue import recover_at_start  # noqa: E402 - needs the apps loaded above

recover_at_start()  # jobs a killed server left running show as interrupted
