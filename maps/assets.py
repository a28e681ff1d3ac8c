"""The JS/CSS a haisi map loads, all served by haisi itself (no CDN, works offline).

Folium 0.20 loads Leaflet, jQuery, Bootstrap, Awesome-Markers, Font Awesome and a rotate
CSS from CDNs by default. haisi's maps use only Leaflet's own vector layers, so each map
gets Leaflet 1.9.4 (vendored from npm with its licence under ``static/leaflet``) and the
small haisi stylesheet, and nothing else.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR", "DEFAULT_STATIC_URL", "map_js", "map_css"]

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_STATIC_URL = "/maps/static"


def map_js(static_url: str = DEFAULT_STATIC_URL) -> list[tuple[str, str]]:
    """Folium ``default_js`` entries for one map: Leaflet and the haisi map tools."""
    return [
        ("leaflet", f"{static_url}/leaflet/leaflet.js"),
        ("haisi_map", f"{static_url}/haisi-map.js"),
    ]


def map_css(static_url: str = DEFAULT_STATIC_URL) -> list[tuple[str, str]]:
    """Folium ``default_css`` entries for one map: Leaflet's CSS and haisi's."""
    return [
        ("leaflet_css", f"{static_url}/leaflet/leaflet.css"),
        ("haisi_css", f"{static_url}/haisi-map.css"),
    ]
