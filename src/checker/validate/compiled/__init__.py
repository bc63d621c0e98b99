"""Precompiled schema validators (generated; see checker.validate.compile_schemas)."""
