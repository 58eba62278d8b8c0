"""Word documents: one template pipeline for the briefing and the letters.

* :mod:`~generator.word.environment`: the sandboxed, escaping, strict Jinja environment;
* :mod:`~generator.word.batch`: a docxtpl template prepared once and rendered per document;
* :mod:`~generator.word.template_fields`: the fields a template reads, and unknown ones;
* :mod:`~generator.word.pictures`: a PNG placed where a field prints it;
* :mod:`~generator.word.zipwriter`: the .docx package, shared parts packed once;
* :mod:`~generator.word.combine`: many documents as one, for printing;
* :mod:`~generator.word.pdf`: PDFs through headless LibreOffice, in batches.
"""
