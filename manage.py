#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuaibao.settings")
    from django.core.management import execute_from_command_line

    from kuaibao.startup import load_settings

    load_settings()  # a bad setting: one line and exit status 2

    execute_from_command_line(sys.argv)
