"""Stage 3: applying a checklist's rules to answers: visibility, findings and scores."""
