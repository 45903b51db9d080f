"""Published forms of an edition: reading the layouts a township publishes, and writing them.

``detect`` tells a file's kind by its content and sends it to its reader: ``txt`` (with
``encodings``) for the published text, ``xlsx``, ``docx`` and ``pdf`` for office files, whose
blocks ``tables`` reads the same way; ``assemble`` builds the edition from what any reader found,
with the metadata of ``meta``. ``tsv``, ``xlsx`` and ``docx`` write the published layout
(``layout``: the page breaks they share). ``docs/sources.md`` describes every layout.
"""
