"""haisi (海丝): Maritime Silk Road trade and tourism analytics for Fuzhou.

This package is the product shell: settings, the command line and the demo
sample data. Storage lives in :mod:`warehouse`, reference data in :mod:`reference`.
"""

__version__ = "0.1.0"
