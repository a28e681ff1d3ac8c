"""Local mirror of the real sources: :func:`build` renders it, :class:`MirrorServer` serves it."""

from haisi.crawlers.mirror.build import build
from haisi.crawlers.mirror.serve import MirrorServer, serve_background

__all__ = ["build", "MirrorServer", "serve_background"]
