"""Shared helpers for the OrderDesk test suite."""
