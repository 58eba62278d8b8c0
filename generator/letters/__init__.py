"""One letter per invitee.

* :mod:`~generator.letters.context`: what one letter knows (every field of a template);
* :mod:`~generator.letters.fields`: the field reference, derived from the model and worksheet;
* :mod:`~generator.letters.naming`: safe, stable file names;
* :mod:`~generator.letters.batch`: which rows get a letter, written beside the manifest;
* :mod:`~generator.letters.manifest`: what a run wrote, so that hand edits are kept;
* :mod:`~generator.letters.delivery`, :mod:`~generator.letters.drafts`: PDFs, one document
  for printing, email drafts;
* :mod:`~generator.letters.summary`: what a run did, for the terminal;
* :mod:`~generator.letters.templates`: ``templates export`` and ``templates check``.
"""
