"""Reading and writing .xlsx workbooks.

* :mod:`~generator.excel.safety`: an untrusted file looked at before any parser runs;
* :mod:`~generator.excel.reader`: a workbook read into a plan, columns found by heading;
* :mod:`~generator.excel.writer`: the workbook written, empty or from a plan;
* :mod:`~generator.excel.styles`: how every sheet the tool writes looks;
* :mod:`~generator.excel.annotate`: a copy with each finding highlighted and listed.
"""
