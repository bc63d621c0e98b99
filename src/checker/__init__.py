"""ML Team Playbook checker: executable checklists for organising ML teams.

The package is a pipeline whose stages are its subpackages:

1. :mod:`checker.load` reads files safely, with the position of every value;
2. :mod:`checker.validate` checks them against the schemas and the checklist's semantics;
3. :mod:`checker.rules` evaluates visibility, findings and scores;
4. :mod:`checker.report` builds one report document and renders it in every format;

used by :mod:`checker.cli` (``playbook-check``) and :mod:`checker.sphinx` (the site).
:mod:`checker.pipeline` runs stages 1-3 for one file. Importing the package is cheap.
"""

try:  # written by setuptools-scm from the git tag when the package is installed or built
    from checker._version import __version__ as __version__
except ImportError:  # a source tree that was never installed
    __version__ = "0+unknown"
