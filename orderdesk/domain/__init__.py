"""The pure domain: orders, their lifecycle and the rules that govern them.

Nothing in this package imports Qt, SQLAlchemy or httpx.
"""
