"""Work on many reports at once, without the window: open any kind of report, audit a folder, sum (汇总)."""
