"""Trade networks (networkx) and the sea-port network (searoute).

- :mod:`~models.network.selection` — which trade reports make up one network (period, flow,
  product, source, currency) and the directed exporter → importer edges.
- :mod:`~models.network.graph` — graphs with zh/en node names, region and coordinates, cached
  per trade data version; :mod:`~models.network.nodes` — the node attributes.
- :mod:`~models.network.metrics` — degree/strength, PageRank, betweenness, eigenvector,
  clustering, Louvain communities and modularity, disparity backbone, HHI, shares, dependency.
- :mod:`~models.network.stored` — metrics computed once per data version, kept in
  ``network_metrics`` and ``network_summaries``.
- :mod:`~models.network.changes`, :mod:`~models.network.mirror` — links new/broken/grown/
  shrunk between periods; both sides' reports of a link (mirror statistics).
- :mod:`~models.network.sea`, :mod:`~models.network.portnet` — sea routes, chokepoints and
  closures (cached); partner ports and service paths from the warehouse.
- :mod:`~models.network.export` — GraphML, GEXF, node-link JSON, CSV.
- :mod:`~models.network.queries` — the functions the API calls.
"""
