"""Reference data: countries (with the Taiwan/Hong Kong/Macao override table), groups, ports, HS.

Data carried by pinned packages (pycountry, babel CLDR, country_converter, searoute) is read
from the packages; what the project curates itself is small, typed in and lives in ``data/``.
"""
