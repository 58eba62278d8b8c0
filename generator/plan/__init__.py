"""A coalition plan and its rules: what a workbook says, once read, and what is wrong with it.

* :mod:`~generator.plan.model`: the typed records of Parts 1 to 5;
* :mod:`~generator.plan.reading`: a plan as read, with where each answer was and the findings;
* :mod:`~generator.plan.findings`: one problem at one cell, with its text and JSON forms;
* :mod:`~generator.plan.checks`: the rules, each a function adding findings;
* :mod:`~generator.plan.priorities`: Part 1's priorities and which of them a partner meets;
* :mod:`~generator.plan.coverage`: who covers each priority, and the gaps;
* :mod:`~generator.plan.standing`: where the community stands on Urban's Mobility Metrics.
"""
