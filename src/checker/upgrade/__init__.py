"""``playbook-check upgrade``: answers files rewritten for the newest version of their checklist.

:mod:`~checker.upgrade.plan` works out the upgrade on the file's data through the checklist's
migrations; :mod:`~checker.upgrade.roundtrip` makes the same edits to the text with comments and
layout kept; :mod:`~checker.upgrade.answers_file` does both for one file and checks that the new
text reads back as planned.
"""
