"""Production entry point: `gunicorn wsgi:app`."""

from app import create_app
from app.worker import freeze_startup_objects

app = create_app()
freeze_startup_objects()
