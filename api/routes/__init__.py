"""One router per audience: forecasts, network, maps, datasets, documents, admin."""
