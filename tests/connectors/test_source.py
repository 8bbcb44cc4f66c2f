"""Tests of connectors.source: the transaction boundary enum."""

from __future__ import annotations

import pytest

from connectors import TransactionBoundary


def test_transaction_boundary_parses_config_values() -> None:
    """from_property ignores case and spaces; str() gives the config value."""
    assert TransactionBoundary.from_property(" Interval ") is TransactionBoundary.INTERVAL
    assert str(TransactionBoundary.POLL) == "poll"
    with pytest.raises(ValueError, match="No transaction boundary"):
        TransactionBoundary.from_property("sometimes")
