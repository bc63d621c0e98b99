extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]
myst_enable_extensions = ["colon_fence"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
playbook_checklist_dir = "checklists"
playbook_today = "2026-11-24"
nitpicky = True
