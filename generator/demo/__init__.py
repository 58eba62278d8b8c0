"""The bundled Forest City sample, and the whole path run on it.

* :mod:`~generator.demo.sample`: the sample workbook built from readable TOML;
* :mod:`~generator.demo.run`: ``coalition demo``;
* :mod:`~generator.demo.copies`: the workbooks the README's steps use (partners' copies, mistakes);
* :mod:`~generator.demo.keep`: what the demo wrote, so that a re-run keeps what the user changed;
* :mod:`~generator.demo.cohort`: a cohort of communities made by varying the sample.
"""
