"""Writing tables out: CSV (UTF-8 with BOM, opens in Excel) and xlsx."""
