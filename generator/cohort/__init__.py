"""Many communities at once: ``coalition summarize`` reads a cohort's workbooks into one summary.

* :mod:`~generator.cohort.discover`: which files make the cohort; what a folder search leaves out;
* :mod:`~generator.cohort.record`: one community as a small record, made from a checked workbook;
* :mod:`~generator.cohort.collect`: every workbook read in parallel; duplicates flagged;
* :mod:`~generator.cohort.summary`: the cohort in figures (pandas);
* :mod:`~generator.cohort.workbook`: the summary workbook, with tables, filters and charts;
* :mod:`~generator.cohort.report`: the Word summary for a funder, through the template pipeline;
* :mod:`~generator.cohort.run`: the front door the command calls.
"""
