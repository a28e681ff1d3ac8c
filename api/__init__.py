"""The haisi HTTP service: ``api.app.create_app`` (FastAPI), one router per audience."""
