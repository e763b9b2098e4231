"""The fixed JSON interface: score, max_score, tests[], meta."""
from __future__ import annotations

import json


def render(result) -> str:
    return json.dumps(result.to_dict(), indent=2)
