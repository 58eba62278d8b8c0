"""The community's own numbers: Urban's Mobility Metrics, read with pandas.

* :mod:`~generator.data.metrics_dictionary`: each metric declared once, with Urban's variables,
  quality flags, the area of concern it informs and the direction that is better;
* :mod:`~generator.data.geography`: FIPS codes (leading zeros restored), states, typed names;
* :mod:`~generator.data.reading`: a Mobility Metrics CSV read, bounded and checked;
* :mod:`~generator.data.metrics`: the community found, and its percentile on every measure;
* :mod:`~generator.data.present`: the standing as text and JSON for the terminal.

pandas is imported inside the functions that use it, so that ``coalition --help`` stays fast.
"""
