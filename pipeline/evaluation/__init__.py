"""Evaluation commands (``python -m pipeline evaluate …``)."""
