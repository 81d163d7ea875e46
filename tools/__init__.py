"""Developer tools run from the repository root (``python -m tools.<name>``); not part of the installed package.

eval_baseline   the evaluation gate's per-set floors (``check``, ``update``)
try_slack       try the Slack bot locally: no workspace, no internet
"""
