"""Every form of every page, submitted as the browser receives it (see registry.py)."""
