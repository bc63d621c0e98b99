"""The exception the precompiled validators raise.

Generated validators import their exceptions from here rather than from fastjsonschema, whose
package import (it loads its code generator) cost ~15 ms at every start.
"""

from __future__ import annotations

from typing import Any


class PrecompiledSchemaError(ValueError):
    """A document does not match a schema (raised by ``checker.validate.compiled``)."""

    def __init__(
        self,
        message: str,
        value: Any = None,
        name: str | None = None,
        definition: Any = None,
        rule: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.value, self.name = message, value, name
        self.definition, self.rule = definition, rule


JsonSchemaValueException = PrecompiledSchemaError
JsonSchemaValuesException = PrecompiledSchemaError
