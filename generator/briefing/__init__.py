"""The leadership briefing.

* :mod:`~generator.briefing.context`: what the briefing says, as plain data;
* :mod:`~generator.briefing.chart`: the coverage chart;
* :mod:`~generator.briefing.report`: the briefing rendered into its Word template.
"""
