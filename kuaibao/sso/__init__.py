"""Single sign-on with the government platform (OpenID Connect, through mozilla-django-oidc):
the platform's people are mapped to accounts, units and roles on their first sign-in; local
accounts stay for offices without a platform."""
