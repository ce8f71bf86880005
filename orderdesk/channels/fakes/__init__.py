"""Local fake platform gateways for tests and the demo: 127.0.0.1, a random free port, in-process.

They check signatures and timestamps the way the real gateways do, page an in-memory order store,
and inject faults on demand. No real shop's data: every record is written by hand or generated.
"""
