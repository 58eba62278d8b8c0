"""Working together: copies filled by several people merged, old layouts moved forward.

* :mod:`~generator.merging.merge`: the front door, ``merge_workbooks`` and ``write_merged``;
* :mod:`~generator.merging.join`: how records and answers of several copies are joined;
* :mod:`~generator.merging.conflicts`: where copies disagree, listed and on a sheet;
* :mod:`~generator.merging.answers`, :mod:`~generator.merging.accounting`: every answer,
  accounted for before anything is written;
* :mod:`~generator.merging.upgrade`: a workbook of an older layout version moved forward.
"""
