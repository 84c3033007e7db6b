"""The disclosure-attribute suggestion: rules from the law as data, agency profiles, a trained model.

    >>> from gkreview.decide import Decider
    >>> Decider(profile=None, model="default").suggest(doc, findings).attribute

``engine`` decides, ``rules`` evaluates the YAML rule tables, ``profile`` loads agency profiles,
``features``/``model`` run the shipped model without scikit-learn, ``train`` (scikit-learn, lazy)
makes new models, ``labels`` reads attribute labels; the attribute a draft declares about itself
comes from ``gkreview.gongwen``.
"""

from __future__ import annotations

from gkreview.decide.engine import Decider
from gkreview.decide.profile import Profile, load_profile

__all__ = ["Decider", "Profile", "load_profile"]
