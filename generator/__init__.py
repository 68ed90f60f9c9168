"""The Freelance Client Playbook's generator: load content, check it, render the site."""

from __future__ import annotations

__version__ = "0.1.0"
