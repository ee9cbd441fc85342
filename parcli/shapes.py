"""The pydantic value types of the file models (:mod:`parcli.model`) and the rule kinds.

Imported only when a file is validated. The rule kinds (:mod:`parcli.rules`) are
plain dataclasses whose annotations name these types as text (``of: Num``);
:func:`bind_rule_shapes` puts the types where pydantic resolves those names, so the
kinds themselves import no pydantic and score fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from .values import as_code, as_id, as_number, as_places, as_text, as_whole

Num = Annotated[Decimal, BeforeValidator(as_number), WithJsonSchema({"type": "number"})]
Text = Annotated[str, BeforeValidator(as_text)]
Id = Annotated[str, BeforeValidator(as_id)]
Whole = Annotated[int, BeforeValidator(as_whole), WithJsonSchema({"type": "integer"})]
Places = Annotated[int, BeforeValidator(as_places), WithJsonSchema({"enum": [2, 3]})]
Code = Annotated[str, BeforeValidator(as_code), WithJsonSchema({"type": ["string", "integer"]})]
NonEmpty = Field(min_length=1)


class Strict(BaseModel):
    """A file model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Before = BeforeValidator  # the short name rule kinds' annotations use

# What a rule kind's annotations may name, besides what its own module imports.
RULE_NAMES = {"Num": Num, "Text": Text, "NonEmpty": NonEmpty, "WithJsonSchema": WithJsonSchema,
              "Before": Before}


def bind_rule_shapes(kinds: Iterable[type]) -> None:
    """Make the names in :data:`RULE_NAMES` resolvable in the modules of ``kinds``."""
    for cls in kinds:
        module = sys.modules[cls.__module__]
        for name, value in RULE_NAMES.items():
            module.__dict__.setdefault(name, value)
