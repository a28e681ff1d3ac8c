"""``Warehouse.version`` in a local folder reuses its answer only while the table's log is
unchanged: commits by this or another process, however quick, are seen at once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from haisi.warehouse import Warehouse

from tests.warehouse.test_store import _flows, _prov


def test_quick_commits_here_and_elsewhere_are_seen_at_once(warehouse: Warehouse) -> None:
    assert warehouse.version("trade_flows") is None
    seen = []
    for i in range(5):  # commits faster than the 50 ms settling time, each read at once
        warehouse.append("trade_flows", _flows([float(i + 1)]), provenance=_prov(f"q{i}"))
        seen.append(warehouse.version("trade_flows"))
    assert seen == list(range(1, 6))
    time.sleep(0.1)
    assert warehouse.version("trade_flows") == 5  # settled: now answered from the probe
    assert warehouse._versions["trade_flows"][1] == 5
    other = textwrap.dedent(f"""
        from haisi.warehouse import Warehouse
        from tests.warehouse.test_store import _flows, _prov
        Warehouse({str(warehouse.root)!r}).append("trade_flows", _flows([9.0]),
                                                  provenance=_prov("o"))
    """)
    subprocess.run([sys.executable, "-c", other], check=True, timeout=120)
    assert warehouse.version("trade_flows") == 6  # another process's commit, seen at once
    assert Warehouse(warehouse.root).version("trade_flows") == 6


def test_known_version_needs_no_log_read_and_a_recording_notes_what_was_read(
    warehouse: Warehouse,
) -> None:
    """``known_version`` answers from one stat or says UNKNOWN; ``reads.recording`` notes each
    table a piece of work touched, with the version it saw first, and nothing outside it."""
    from haisi.warehouse.reads import recording
    from haisi.warehouse.tables import UNKNOWN

    assert warehouse.known_version("trade_flows") is None  # never written: no log folder
    warehouse.append("trade_flows", _flows([1.0]), provenance=_prov("k1"))
    assert warehouse.known_version("trade_flows") is UNKNOWN  # changed since it was last read
    time.sleep(0.1)
    assert warehouse.version("trade_flows") == 1
    assert warehouse.known_version("trade_flows") == 1  # settled and read: one stat answers
    view = warehouse.cleared("public")
    with recording() as scope:
        reads = scope.versions
        assert len(view.scan("trade_flows")) == 1
        view.version("tourism_flows")
    assert {k: v[1] for k, v in reads.items()} == {
        (warehouse.root, "trade_flows"): 1,
        (warehouse.root, "tourism_flows"): None,
    }
    view.scan("trade_flows")
    assert len(reads) == 2  # outside the block nothing is noted
    warehouse.append("trade_flows", _flows([2.0]), provenance=_prov("k2"))
    assert view.known_version("trade_flows") is UNKNOWN  # the views share the probe
    assert view.version("trade_flows") == 2
