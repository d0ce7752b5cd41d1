"""Designer forms compiled from ui/*.ui by `python3 dev.py forms` (generated code: edit the .ui, not these)."""
