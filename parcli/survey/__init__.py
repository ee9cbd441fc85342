"""Surveys from respondents (DESIGN §13): the pure core of ``parcli survey``.

- :mod:`.definition`: the survey definition (``parcli/survey/v1``) checked at file:line:col,
  and its targets checked against a framework;
- :mod:`.compute`: item rates, element, part and overall indices (exact), Wilson intervals,
  the seeded bootstrap over respondents, and the units the survey cannot tell apart.

Nothing here reads or writes a file: the respondents' files are read by
:mod:`parcli.inputs.answers`, the outputs written by :mod:`parcli.report.surveyout`.
"""

SURVEY_SCHEMA = "parcli/survey/v1"
SURVEY_RESULT_SCHEMA = "parcli/survey-result/v1"
