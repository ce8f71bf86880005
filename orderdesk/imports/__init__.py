"""Readers for files people bring in from spreadsheets (products, stock), free of database and Qt."""
