"""coalition: the coalition worksheet as a workbook, checks, a briefing and letters."""

__version__ = "0.1.0"
