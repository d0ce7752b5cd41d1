"""Input adapters: our own Excel workbooks, published reports."""
