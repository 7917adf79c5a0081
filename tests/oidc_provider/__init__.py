"""A small second Django project: a real OpenID Connect provider (django-oauth-toolkit) that the
single sign-on tests start on a free local port, standing for the government platform."""
