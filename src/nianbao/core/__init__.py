"""The filled-in report and its evaluation (no Qt, no document libraries)."""
