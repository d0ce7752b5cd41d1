"""Output adapters (Word, Excel, PDF, HTML); document libraries are imported inside functions."""
