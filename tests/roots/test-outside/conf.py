# A site with its own theme and no pitfall pages, rendering a checklist bundled with the package.
extensions = ["checker.sphinx"]
playbook_today = "2026-11-24"
nitpicky = True
