"""Stage 1: reading files safely into values with the position of every value and key."""
