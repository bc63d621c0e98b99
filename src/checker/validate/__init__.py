"""Stage 2: checking documents against the published schemas and the checklist's semantics."""
