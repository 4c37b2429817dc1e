"""WSGI entry point, used by `make serve` (gunicorn) and by `manage.py runserver` (through WSGI_APPLICATION).

Serving with DEBUG off needs a SECRET_KEY of its own from the environment: the local key `make run` keeps in
var/secret_key is for local use and the commands typed by hand, never a deployment's. Refusing here, where every
web server loads the app, leaves management commands (which never import this module) free to run without one.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explorer.settings")

if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off: web serving refuses to start without it.")

application = get_wsgi_application()
