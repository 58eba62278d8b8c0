"""The ``coalition`` command: thin click commands that parse, call one function and print.

* :mod:`~generator.cli.app`: the group, one-sentence errors and exit codes, shared options;
* :mod:`~generator.cli.workbooks`: new-workbook, check, merge, upgrade;
* :mod:`~generator.cli.documents`: report, letters, templates, demo;
* :mod:`~generator.cli.cohort`: summarize;
* :mod:`~generator.cli.data`: metrics, and the options that name a community in its data;
* :mod:`~generator.cli.serve`: serve, the same path as pages in the browser.
"""

from generator.cli.app import main
from generator.cli.cohort import summarize
from generator.cli.data import metrics
from generator.cli.documents import demo, letters, report, templates
from generator.cli.serve import serve
from generator.cli.workbooks import check, merge, new_workbook, upgrade

# In the order of the work (the help lists them alphabetically, as click does).
for command in (
    metrics,
    new_workbook,
    merge,
    check,
    report,
    letters,
    summarize,
    templates,
    upgrade,
    demo,
    serve,
):
    main.add_command(command)

__all__ = ["main"]
