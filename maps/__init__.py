"""Folium maps of routes and flows that work with no internet (assets served by haisi).

``maps.layers`` builds GeoJSON FeatureCollections from the warehouse; ``maps.render``
draws one as an HTML page whose Leaflet and CSS come from ``maps/static``.
"""
