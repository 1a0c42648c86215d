"""The bot: what runs listbot as GitHub workflows.

``actions`` reads the Actions environment (event payload, outputs, job summary); ``github``
is the GitHub adapter, the only module that imports PyGithub; ``prreport`` builds the PR
report artifact and ``comment`` renders the sticky PR comment from it, with ``review``'s
one-click suggestions; ``linkrot`` keeps the one link-rot issue; ``issueform`` reads the
add-paper issue form. The core (entries, validate, render, links, paper) never imports
from here; ``commands/`` does.
"""
