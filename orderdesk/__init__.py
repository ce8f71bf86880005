"""OrderDesk: a desktop order hub for small e-commerce warehouses."""

__version__ = "0.1.0"
