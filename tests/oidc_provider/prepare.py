"""Make the provider's database, key, people and the kuaibao client:

    PLATFORM_DIR=… python -m tests.oidc_provider.prepare CLIENT_ID SECRET REDIRECT_URI LOGOUT_URI PERSON…

where each PERSON is username:password:name:email:department."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def main(argv: list[str]) -> None:
    data = Path(os.environ["PLATFORM_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (data / "key.pem").write_bytes(pem)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    client_id, secret, redirect, logout, *people = argv
    for person in people:
        username, password, name, email, department = person.split(":")
        User.objects.create_user(username, email=email, password=password, first_name=name, last_name=department)
    Application.objects.create(
        name="快报",
        client_id=client_id,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect,
        post_logout_redirect_uris=logout,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
