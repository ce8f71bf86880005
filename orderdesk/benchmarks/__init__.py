"""Benchmarks behind `orderdesk bench`: they print figures; no test asserts a timing."""
