"""``coalition serve``: the whole path as local web pages, for people who never open a terminal.

* :mod:`~generator.web.app`: the Flask application and its error pages;
* :mod:`~generator.web.security`: key, Host, CSRF, upload limits, Content Security Policy;
* :mod:`~generator.web.workspace`: the working folder, downloads by id, what each page remembers;
* :mod:`~generator.web.uploads`: uploads saved under safe names;
* :mod:`~generator.web.pages`: Start, Check, Briefing, Letters, and the downloads;
* :mod:`~generator.web.letters_run`: the batch of letters in the background, then a .zip;
* :mod:`~generator.web.server`: waitress on 127.0.0.1, the browser, a clean stop.

The pages call the same library functions as the CLI, and show its messages.
"""
