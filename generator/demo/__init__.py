"""The bundled Forest City sample, and the whole path run on it.

* :mod:`~generator.demo.sample`: the sample workbook built from readable TOML;
* :mod:`~generator.demo.run`: ``coalition demo``;
* :mod:`~generator.demo.cohort`: a cohort of communities made by varying the sample.
"""
