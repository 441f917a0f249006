"""Training commands (``python -m pipeline train …``)."""
