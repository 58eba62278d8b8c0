"""Small helpers every part uses: errors, safe writes, text, English, suggestions.

* :mod:`~generator.common.errors`: the errors the CLI turns into one sentence and an exit code;
* :mod:`~generator.common.fileio`: atomic writes that never overwrite without ``--force``;
* :mod:`~generator.common.text`: cell text made comparable (``fold``) and XML-safe;
* :mod:`~generator.common.english`: counts, lists, dates and shortening, as sentences say them;
* :mod:`~generator.common.matching`: a typed answer read as an option, and "did you mean";
* :mod:`~generator.common.bundled`: where the shipped templates and sample are.
"""
