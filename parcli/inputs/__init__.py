"""Everything that reads files: the one way a file becomes data parcli checks.

- :mod:`.files`: a file's bytes within the size limit, their text and digest, the file arguments
  of a command (folders, patterns);
- :mod:`.yaml`: the YAML loader (framework, unit and effort files) and the numbers of files;
- :mod:`.workbook`: the zip and XML safety of any .xlsx, the used range of its sheets;
- :mod:`.form`: the self-assessment form's layout and its reader (the hidden sheet first, then
  the cells with the framework the store resolved);
- :mod:`.ranking`: an earlier ranking (rank CSV, ranking workbook) for ``--previous``, ``--against``;
- :mod:`.result`: a result JSON file for ``diff``;
- :mod:`.effort`: ``plan --effort``'s weights.

Nothing else in parcli parses a file format.
"""
