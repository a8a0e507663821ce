"""How many examples the generated-input tests run: a CI profile by default, a long one on request.

    python -m pytest -q tests/test_properties.py                        # CI: about half a minute
    MTUS_PROFILE=long python -m pytest -q tests/test_properties.py      # long: 20 times the examples
    python -m pytest -q tests/test_properties.py --hypothesis-show-statistics   # what each test ran

The counts per CI run are the README's (reliability section); `test_readme_states_the_ci_counts` keeps them equal.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("MTUS_PROFILE") == "long"
#: examples per CI run of each generated-input test (the long profile runs 20 times as many)
CI_EXAMPLES = {
    "case facts": 400,
    "narrative texts": 500,
    "rule mutations": 300,
}


def examples(kind: str) -> settings:
    """The hypothesis settings of one generated-input test."""
    n = CI_EXAMPLES[kind] * (20 if LONG else 1)
    return settings(max_examples=n, deadline=None, derandomize=not LONG,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])
