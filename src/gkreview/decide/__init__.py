"""The disclosure-attribute suggestion: rules from the law as data, agency profiles, a trained model.

    >>> from gkreview.decide import Decider
    >>> Decider(profile=None, model="default").suggest(doc, findings).attribute

``engine`` decides, ``rules`` evaluates the YAML rule tables, ``profile`` loads agency profiles,
``features``/``model`` run the shipped model without scikit-learn; the attribute a draft declares
about itself comes from ``gkreview.gongwen``. Only what runs at review time lives here: training,
evaluation, corpora and label files are in ``gkreview.training``.
"""

from __future__ import annotations

from gkreview.decide.engine import Decider
from gkreview.decide.profile import Profile, load_profile

__all__ = ["Decider", "Profile", "load_profile"]
